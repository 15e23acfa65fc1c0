#!/usr/bin/env bash
# Kafka's own tool by the same name.
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
