#!/usr/bin/env bash
# Runs a class of the Kafka jars in /opt/kafka/libs, with the JVM options Kafka's own script by the same name reads:
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS, KAFKA_LOG4J_OPTS. The defaults suit a short-lived tool
# (small heap, quick start); kafka-server-start.sh sets the broker's.
set -euo pipefail
class="$1"
shift
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} \
    ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true} \
    ${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.yaml} \
    ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$class" "$@"
