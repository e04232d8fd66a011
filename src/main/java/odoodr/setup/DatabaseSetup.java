package odoodr.setup;

import odoodr.runbook.SetupContext;
import odoodr.standby.EnsureTunnelRunningStep;
import odoodr.standby.CheckReplicationAccessStep;
import odoodr.standby.StartStandbyStep;
import odoodr.standby.StandbyConfigStep;
import odoodr.standby.EnsureReplicationSlotStep;
import odoodr.standby.VerifyStreamingStep;
import odoodr.standby.EnsureReplicationRoleStep;
import odoodr.standby.EnsureStandbyClusterStep;
import odoodr.standby.BaseBackupStep;
import odoodr.standby.StandbyArchiveStep;
import odoodr.standby.ArchivingActiveStep;
import odoodr.filestore.sync.AttachmentReadGrantStep;
import odoodr.runbook.Step;
import odoodr.ssh.ServiceKeyRole;

import java.util.List;

/** The database half of setup (runbook Section A), in the order a human walks it. */
public final class DatabaseSetup {
    private DatabaseSetup() {
    }

    public static List<Step<SetupContext>> steps() {
        return List.of(
                new EnsureServiceKeyStep(ServiceKeyRole.TUNNEL),
                new AuthorizeServiceKeyStep(ServiceKeyRole.TUNNEL),
                // prod's free disk for the health checks, which the replication role cannot see
                new EnsureServiceKeyStep(ServiceKeyRole.MONITOR),
                new AuthorizeServiceKeyStep(ServiceKeyRole.MONITOR),
                new EnsureTunnelRunningStep(),
                new EnsureReplicationRoleStep(),
                new EnsureReplicationSlotStep(),
                // made on prod, replicated to the standby: the filestore sync and verify read ir_attachment there
                new AttachmentReadGrantStep(),
                new CheckReplicationAccessStep(),
                new EnsureStandbyClusterStep(),
                new BaseBackupStep(),
                // before the settings, so that the standby's first start already archives into it
                new StandbyArchiveStep(),
                new StandbyConfigStep(),
                new StartStandbyStep(),
                new ArchivingActiveStep(),
                new VerifyStreamingStep());
    }
}
