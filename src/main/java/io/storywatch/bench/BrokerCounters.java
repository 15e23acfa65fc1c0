package io.storywatch.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * The embedded broker's running totals at one moment, read over JMX from the pipeline's JVM: records written per
 * topic and requests served per kind. Two of them tell what a burst made the broker do per article, which is most of
 * what the pipeline spends outside its stages.
 *
 * @param recordsInByTopic records appended to each topic (internal changelog and repartition topics included)
 * @param requestsByKind   requests served by kind (Produce, Fetch, EndTxn, ...)
 */
public record BrokerCounters(Map<String, Long> recordsInByTopic, Map<String, Long> requestsByKind) {

    public BrokerCounters {
        recordsInByTopic = Map.copyOf(recordsInByTopic);
        requestsByKind = Map.copyOf(requestsByKind);
    }

    /** Reads the broker's Yammer meters as its JMX reporter exposes them. */
    static BrokerCounters read(MBeanServerConnection connection) throws IOException, JMException {
        Map<String, Long> records = new TreeMap<>();
        for (ObjectName name : connection.queryNames(
                new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=*"), null)) {
            records.put(name.getKeyProperty("topic"), count(connection, name));
        }
        Map<String, Long> requests = new TreeMap<>();
        for (ObjectName name : connection.queryNames(
                new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
            requests.merge(name.getKeyProperty("request"), count(connection, name), Long::sum);
        }
        return new BrokerCounters(records, requests);
    }

    private static long count(MBeanServerConnection connection, ObjectName name) throws IOException, JMException {
        return ((Number) connection.getAttribute(name, "Count")).longValue();
    }

    /** Records per article by topic since {@code before}, most first, topics with none left out. */
    public Map<String, Double> recordsPerArticleSince(BrokerCounters before, int articles) {
        return perArticle(recordsInByTopic, before.recordsInByTopic, articles);
    }

    /** Requests per article by kind since {@code before}, most first, kinds with none left out. */
    public Map<String, Double> requestsPerArticleSince(BrokerCounters before, int articles) {
        return perArticle(requestsByKind, before.requestsByKind, articles);
    }

    private static Map<String, Double> perArticle(Map<String, Long> now, Map<String, Long> before, int articles) {
        Map<String, Double> per = new LinkedHashMap<>();
        now.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> per.put(e.getKey(), e.getValue() / (double) Math.max(1, articles)));
        return per;
    }
}
