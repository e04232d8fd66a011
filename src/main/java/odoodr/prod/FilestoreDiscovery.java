package odoodr.prod;

import odoodr.config.ConfigKeys;
import odoodr.config.InvalidValueException;
import odoodr.config.SafeValueRules;
import odoodr.process.ProcessResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The filestore half of {@link Discovery}: the Odoo container's data volume, and one directory per database in it. */
final class FilestoreDiscovery {
    private FilestoreDiscovery() {
    }

    static void read(ProdCommands prod, ContainerInfo odoo, DiscoveryNotes notes) {
        Optional<Path> path = odoo.filestoreHostPath();
        if (path.isEmpty()) {
            notes.missing.put(ConfigKeys.PROD_FILESTORE_PATH, "no volume or bind mount of " + odoo.name() + " holds "
                    + odoo.odooDataDir() + "/filestore; a data_dir set in odoo.conf is invisible to docker inspect");
            notes.missing.put(ConfigKeys.DATABASES, "no filestore found");
            return;
        }
        String dir = path.get().toString();
        if (!notes.found(ConfigKeys.PROD_FILESTORE_PATH, dir, SafeValueRules::absolutePath,
                "docker inspect " + odoo.name() + " Mounts (" + odoo.odooDataDir() + "/filestore)")) {
            notes.missing.put(ConfigKeys.DATABASES, "no usable filestore path");
            return;
        }
        ProcessResult ls = prod.run(List.of("sudo", "-n", "ls", "-1p", "--", dir));
        if (ls.exitCode() != 0) {
            String why = DiscoveryNotes.lastLine(ls.stderr()).orElse("exit " + ls.exitCode());
            notes.warnings.add("sudo -n ls " + dir + " failed on prod: " + why);
            notes.missing.put(ConfigKeys.DATABASES, "ls of the filestore failed");
            return;
        }
        List<String> names = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (String entry : ls.stdout().lines().toList()) {
            if (!entry.endsWith("/")) {
                continue; // a file: only directories are databases' filestores
            }
            String db = entry.substring(0, entry.length() - 1);
            try {
                names.add(SafeValueRules.databaseName(db));
            } catch (InvalidValueException e) {
                unusable.add(db.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        if (!unusable.isEmpty()) {
            notes.warnings.add("left out of databases, not usable as database names: " + String.join(", ", unusable));
        }
        if (names.isEmpty()) {
            notes.missing.put(ConfigKeys.DATABASES, "the filestore " + dir + " holds no database directory yet");
        } else {
            notes.found.put(ConfigKeys.DATABASES, new Discovery.Found(String.join(",", names),
                    "sudo ls " + dir + " (one directory per database)"));
        }
    }
}
