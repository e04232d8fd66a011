package odoodr.cli;

import odoodr.agent.Agent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code odoo-dr agent}: the long-running process (tunnel, filestore sync, health, HTTP endpoints). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"The long-running process: tunnel, attachment mirroring, health, and /health /metrics /status.json "
                + "and a status page on agent.listen.",
                "Runs in the foreground (setup starts it detached, or as odoo-dr-agent.service); stops on SIGTERM."})
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
