package odoodr.standby;

import odoodr.runbook.Step;

import java.util.List;

/** The database half of setup (runbook Section A), in the order a human walks it. */
public final class DatabaseSetup {
    private DatabaseSetup() {
    }

    public static List<Step<SetupContext>> steps() {
        return List.of(
                new EnsureTunnelKeyStep(),
                new AuthorizeTunnelKeyStep(),
                new EnsureTunnelRunningStep(),
                new EnsureReplicationRoleStep(),
                new EnsureReplicationSlotStep(),
                new CheckReplicationAccessStep(),
                new EnsureStandbyClusterStep(),
                new BaseBackupStep(),
                new StandbyConfigStep(),
                new StartStandbyStep(),
                new VerifyStreamingStep());
    }
}
