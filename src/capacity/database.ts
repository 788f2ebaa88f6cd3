import { shardName } from "../../constructs/database/shard-map";
import type { EnvironmentConfig } from "../config/schema";
import { databasePoolSize } from "../config/services-schema";
import { postgresMaxConnections } from "./instance-data";
import { type CapacityRow, listed, type Measurement, num, row } from "./rows";

/**
 * Database connections, shard by shard, writer and readers apart. Every service with database access connects to
 * every shard (the shard map lists them all): a read-write service opens its writer pool to each shard's writer,
 * through the shard's RDS Proxy when there is one; a read-only service opens its reader pool to each read replica
 * of each shard (RDS Proxy has no reader endpoint outside Aurora), or to the writer directly when the shard has no
 * replica. A pool is per replica of the service and per endpoint, so at the service's max replicas an endpoint
 * sees `max replicas x pool` from it.
 *
 * The limits: the class's default max_connections (instance-data.ts), and through a proxy the share of it the proxy
 * may open (`database.proxy.maxConnectionsPercent`). With a proxy and no replica, the readers' direct connections
 * share the writer with the proxy and get what the proxy leaves.
 */

interface Client {
  readonly service: string;
  readonly replicas: number;
  readonly pool: number;
}

const connections = (clients: readonly Client[]) =>
  clients.reduce((sum, client) => sum + client.replicas * client.pool, 0);

/** `services auth (30 replicas x 10 = 300), reports (...)`, largest first. */
function clientList(clients: readonly Client[]): string {
  const parts = [...clients]
    .sort((a, b) => b.replicas * b.pool - a.replicas * a.pool || a.service.localeCompare(b.service))
    .map((c) => `${c.service} (${c.replicas} replicas x ${c.pool} = ${num(c.replicas * c.pool)})`);
  return `service${parts.length === 1 ? "" : "s"} ${listed(parts)}`;
}

export function databaseRows(config: EnvironmentConfig): CapacityRow[] {
  const database = config.database;
  const services = Object.entries(config.services).sort(([a], [b]) => a.localeCompare(b));
  const writers: Client[] = services
    .filter(([, service]) => service.database === "read-write")
    .map(([name, service]) => ({ service: name, replicas: service.replicas.max, pool: databasePoolSize(service) }));
  const readers: Client[] = services
    .filter(([, service]) => service.database === "read-only")
    .map(([name, service]) => ({ service: name, replicas: service.replicas.max, pool: databasePoolSize(service) }));

  const writerClass = database.instanceClass;
  const readerClass = database.replicaInstanceClass ?? database.instanceClass;
  const writerMax = postgresMaxConnections(writerClass) ?? 0;
  const readerMax = postgresMaxConnections(readerClass) ?? 0;
  const percent = database.proxy.maxConnectionsPercent;
  const proxyLimit = Math.floor((writerMax * percent) / 100);
  const replicas = database.replicas;

  const measurements = (shard: string): Measurement[] => {
    const budget = (resource: string, clients: readonly Client[], limit: number, allows: string, detail: string) => ({
      resource: `${shard} ${resource}`,
      used: connections(clients),
      limit,
      unit: "connections",
      detail: clients.length > 0 ? `${clientList(clients)}; ${detail}` : `no service connects; ${detail}`,
      problem: () =>
        `capacity: database ${shard} ${resource}: ${clientList(clients)} need ${num(connections(clients))} connections; ${allows}`,
    });
    const classMax = (max: number, instanceClass: string) => `max_connections ${num(max)} for ${instanceClass}`;
    const list: Measurement[] = [];
    if (database.proxy.enabled) {
      list.push(
        budget(
          "writer via proxy",
          writers,
          proxyLimit,
          `the proxy allows ${num(proxyLimit)} (${percent}% of ${classMax(writerMax, writerClass)})`,
          `proxy: ${percent}% of ${classMax(writerMax, writerClass)}`,
        ),
      );
      if (replicas === 0) {
        const left = writerMax - proxyLimit;
        list.push(
          budget(
            "writer direct (readers, no replica)",
            readers,
            left,
            `the writer has ${num(left)} beside its proxy (${classMax(writerMax, writerClass)}, ${percent}% to the proxy)`,
            `what the proxy leaves of ${classMax(writerMax, writerClass)}`,
          ),
        );
      }
    } else {
      const clients = replicas === 0 ? [...writers, ...readers] : writers;
      list.push(
        budget(
          replicas === 0 ? "writer (and readers, no replica)" : "writer",
          clients,
          writerMax,
          `the writer allows ${classMax(writerMax, writerClass)}`,
          `no proxy: ${classMax(writerMax, writerClass)}`,
        ),
      );
    }
    if (replicas > 0) {
      list.push(
        budget(
          `each of ${replicas} reader${replicas === 1 ? "" : "s"}`,
          readers,
          readerMax,
          `each replica allows ${classMax(readerMax, readerClass)}`,
          classMax(readerMax, readerClass),
        ),
      );
    }
    return list;
  };

  return Array.from({ length: database.shards }, (_, index) => shardName(index)).flatMap((shard) =>
    measurements(shard).map((measurement) => row(config.environment, "database", measurement)),
  );
}
