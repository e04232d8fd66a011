package odoodr.cli;

import odoodr.agent.Agent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code odoo-dr agent}: the long-running process (tunnel, filestore sync, health, HTTP endpoints). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run in the foreground: keep the tunnel up, mirror attachments as they appear, measure health,",
                "and serve /health, /metrics, /status.json and a status page on agent.listen. Stops on SIGTERM."})
public final class AgentCommand implements Runnable {
    @ParentCommand
    OdooDrCommand root;

    @Override
    public void run() {
        Agent agent = new Agent(root.loadConfig());
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
        agent.run();
    }
}
