package odoodr.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version Maven wrote into the jar at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/odoodr/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"odoo-dr " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version")};
    }
}
