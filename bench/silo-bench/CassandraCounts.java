// Request counters of running Cassandra 2.1 nodes, read over JMX for scripts/bench-scale.sh.
//
//   javac -d DIR CassandraCounts.java && java -cp DIR CassandraCounts KEYSPACE PID...
//
// Cassandra as scripts/cassandra/cassandra.sh starts it has no JMX port, so this attaches to each PID
// (the JDK attach API, same user), starts the JVM's local management agent (no TCP port is opened)
// and reads the Yammer counters Cassandra registers:
//  - coordinator requests by kind, org.apache.cassandra.metrics:type=ClientRequest,scope=KIND: Read,
//    RangeSlice, Write (a batch counts once), with their Timeouts and Unavailables. Every client statement
//    is coordinated by one node, so the sum over the nodes counts statements. Cassandra 2.1.0 has no
//    counter of lightweight transactions (CASRead/CASWrite came later, and Write leaves them out), so
//  - replica reads, range reads and writes per table of KEYSPACE and of system.paxos
//    (type=ColumnFamily,keyspace=K,scope=TABLE,name=ReadLatency|RangeLatency|WriteLatency), from which
//    cpbench.py derives the Paxos rounds (see cassandra_rates there).
// Prints one JSON object: {"t": epoch seconds, "nodes": {"PID": {"client": {...}, "tables": {...}}}}.
import com.sun.tools.attach.VirtualMachine;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

public final class CassandraCounts {
    private static final String[] KINDS = {"Read", "RangeSlice", "Write"};
    private static final String[] TABLE_METRICS = {"ReadLatency", "RangeLatency", "WriteLatency"};

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CassandraCounts KEYSPACE PID...");
            System.exit(2);
        }
        String keyspace = args[0];
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "{\"t\": %.3f, \"nodes\": {", System.currentTimeMillis() / 1000.0));
        for (int i = 1; i < args.length; i++) {
            if (i > 1) {
                out.append(", ");
            }
            out.append('"').append(args[i]).append("\": ").append(node(args[i], keyspace));
        }
        out.append("}}");
        System.out.println(out);
    }

    private static String node(String pid, String keyspace) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            StringBuilder client = new StringBuilder();
            for (String kind : KINDS) {
                String base = "org.apache.cassandra.metrics:type=ClientRequest,scope=" + kind + ",name=";
                field(client, kind, count(server, base + "Latency"));
                field(client, kind + ".Timeouts", count(server, base + "Timeouts"));
                field(client, kind + ".Unavailables", count(server, base + "Unavailables"));
            }
            StringBuilder tables = new StringBuilder();
            for (String ks : new String[] {keyspace, "system"}) {
                Set<String> names = new TreeSet<>();
                for (ObjectName name : server.queryNames(new ObjectName("org.apache.cassandra.metrics:type=ColumnFamily,keyspace=" + ks + ",scope=*,name=WriteLatency"), null)) {
                    names.add(name.getKeyProperty("scope"));
                }
                for (String table : names) {
                    if (ks.equals("system") && !table.equals("paxos")) {
                        continue;
                    }
                    for (String metric : TABLE_METRICS) {
                        field(tables, ks + "." + table + "." + metric, count(server,
                            "org.apache.cassandra.metrics:type=ColumnFamily,keyspace=" + ks + ",scope=" + table + ",name=" + metric));
                    }
                }
            }
            return "{\"client\": {" + client + "}, \"tables\": {" + tables + "}}";
        }
    }

    private static long count(MBeanServerConnection server, String name) throws Exception {
        ObjectName objectName = new ObjectName(name);
        if (!server.isRegistered(objectName)) {
            return -1;
        }
        return ((Number) server.getAttribute(objectName, "Count")).longValue();
    }

    private static void field(StringBuilder json, String key, long value) {
        if (value < 0) {
            return;
        }
        if (json.length() > 0) {
            json.append(", ");
        }
        json.append('"').append(key).append("\": ").append(value);
    }
}
