import type { EnvironmentConfig } from "../config/schema";
import { MSK_IAM_CONNECTIONS_PER_BROKER, mskIamConnectionRate } from "./instance-data";
import { type CapacityRow, listed, num, row } from "./rows";

/**
 * Kafka: the clients' TCP connections per broker against MSK's limit with IAM access control (always on here:
 * constructs/kafka/kafka-cluster.ts turns SASL/IAM on and unauthenticated access off), and each consumer's max
 * replicas against the partitions of what it reads (the config schema refuses more; shown here).
 *
 * Connections, worst case (every client talks to every broker, which a client reading or writing all partitions
 * does): a producer opens one per broker; a consumer one to fetch and one to its group coordinator, which can be the
 * same broker, so two; each consumer group's lag scaler (KEDA) one; the topic job one.
 */

/** Connections one replica opens to each broker. */
export const CONNECTIONS_PER_BROKER = { producer: 1, consumer: 2 } as const;

export function kafkaRows(config: EnvironmentConfig): CapacityRow[] {
  const environment = config.environment;
  const kafka = config.kafka;
  const clients = Object.entries(config.services)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, service]) => {
      const perReplica =
        (service.kafka.produces.length > 0 ? CONNECTIONS_PER_BROKER.producer : 0) +
        (service.kafka.consumes.length > 0 ? CONNECTIONS_PER_BROKER.consumer : 0);
      return { name, replicas: service.replicas.max, perReplica };
    })
    .filter((client) => client.perReplica > 0);
  const scalers = Object.values(config.services).filter((service) => service.kafka.consumes.length > 0).length;
  const topicJob = Object.keys(kafka.topics).length > 0 ? 1 : 0;
  const used = clients.reduce((sum, c) => sum + c.replicas * c.perReplica, 0) + scalers + topicJob;
  const list = [...clients]
    .sort((a, b) => b.replicas * b.perReplica - a.replicas * a.perReplica)
    .map((c) => `${c.name} (${c.replicas} replicas x ${c.perReplica} = ${num(c.replicas * c.perReplica)})`);
  const who = `${list.length === 1 ? "service" : "services"} ${listed(list)}${scalers > 0 ? `, ${scalers} lag scaler${scalers === 1 ? "" : "s"}` : ""}${topicJob ? ", the topic job" : ""}`;
  const rate = mskIamConnectionRate(kafka.brokerInstanceType);
  const limit = MSK_IAM_CONNECTIONS_PER_BROKER;

  const rows: CapacityRow[] = [
    row(environment, "kafka", {
      resource: `connections per broker (IAM, ${kafka.brokerCount} x ${kafka.brokerInstanceType})`,
      used,
      limit,
      unit: "connections",
      detail: `${clients.length > 0 ? who : "no service uses Kafka"}; reconnecting all at once takes at least ${num(Math.ceil(used / rate))} s at ${rate} new connections per second per broker`,
      problem: () =>
        `capacity: kafka connections per broker: ${who} open up to ${num(used)} connections to each broker at their max replicas; ${kafka.brokerInstanceType} allows ${num(limit)} per broker with IAM access control`,
    }),
  ];

  for (const [name, service] of Object.entries(config.services).sort(([a], [b]) => a.localeCompare(b))) {
    for (const topic of service.kafka.consumes) {
      const partitions = kafka.topics[topic]?.partitions;
      if (partitions === undefined) {
        continue;
      }
      rows.push(
        row(environment, "kafka", {
          resource: `consumers of ${topic} (service ${name})`,
          used: service.replicas.max,
          limit: partitions,
          unit: "replicas/partitions",
          detail: `${service.replicas.max} max replicas of group ${service.kafka.consumerGroup ?? name} read ${partitions} partitions; replicas beyond the partitions sit idle`,
          problem: () =>
            `capacity: kafka consumers of ${topic}: service ${name} runs up to ${service.replicas.max} replicas; ${topic} has ${partitions} partitions, so ${service.replicas.max - partitions} would sit idle`,
        }),
      );
    }
  }
  return rows;
}
