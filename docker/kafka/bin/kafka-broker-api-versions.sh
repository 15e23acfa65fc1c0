#!/usr/bin/env bash
# Kafka's own tool by the same name (health checks call it as on the official image).
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
