package com.ezscale.billing.usage.db;

public record KafkaOffsetRow(String consumerGroup, String topic, int partitionNo, long nextOffset) {}
