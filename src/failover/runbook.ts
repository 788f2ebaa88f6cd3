import type { EnvironmentConfig } from "../config/schema";
import type { FailoverIds } from "./identifiers";

/** One step of a runbook: what to run, what to see before going on, and how long it is budgeted to take. */
export interface RunbookStep {
  readonly title: string;
  /** Why the step is there and what it rests on. */
  readonly why: string;
  readonly commands: readonly string[];
  /** The check before the next step: the command and what it must show. */
  readonly check: { readonly command: string; readonly expect: string };
  /** Minutes budgeted, and where the figure comes from (AWS's wording, or a stated assumption to measure in a drill). */
  readonly minutes: number;
  readonly basis: string;
  /** Runs alongside the step before it (its budget counts once, the longer of the two). */
  readonly alongside?: boolean;
}

export interface Runbook {
  readonly direction: "failover" | "failback";
  readonly environment: string;
  readonly from: string;
  readonly to: string;
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  readonly steps: readonly RunbookStep[];
  /** The steps' budgets added up (steps that run alongside count the longest); compared with `rtoMinutes`. */
  readonly budgetMinutes: number;
  readonly warnings: readonly string[];
}

/** A shell lookup that prints a Route 53 health check's id from the start of its caller reference (no state needed). */
export const healthCheckId = (reference: string): string =>
  `$(aws route53 list-health-checks --query "HealthChecks[?starts_with(CallerReference, '${reference}-')].Id" --output text)`;

/** A shell lookup of the global datastore's id, which AWS prefixes to the configured suffix. */
export const globalDatastoreId = (ids: FailoverIds, region: string): string =>
  `$(aws elasticache describe-global-replication-groups --region ${region} --query "GlobalReplicationGroups[?ends_with(GlobalReplicationGroupId, '${ids.globalDatastoreSuffix}')].GlobalReplicationGroupId" --output text)`;

/** A shell lookup of an EKS node group's name from its start (EKS adds a suffix to the configured prefix). */
export const nodeGroupName = (region: string, cluster: string, prefix: string): string =>
  `$(aws eks list-nodegroups --region ${region} --cluster-name ${cluster} --query "nodegroups[?starts_with(@, '${prefix}')]" --output text)`;

/** The budgets added up, a step that runs alongside the one before it counting only where it is longer. */
export function criticalPath(steps: readonly RunbookStep[]): number {
  let total = 0;
  let group = 0;
  for (const step of steps) {
    if (step.alongside) {
      total += Math.max(0, step.minutes - group);
      group = Math.max(group, step.minutes);
    } else {
      total += step.minutes;
      group = step.minutes;
    }
  }
  return total;
}

export function finishRunbook(
  direction: Runbook["direction"],
  config: EnvironmentConfig,
  ids: FailoverIds,
  steps: RunbookStep[],
): Runbook {
  const dr = config.dr!;
  const budgetMinutes = criticalPath(steps);
  const [from, to] =
    direction === "failover" ? [ids.primaryRegion, ids.standbyRegion] : [ids.standbyRegion, ids.primaryRegion];
  const warnings =
    direction === "failover" && budgetMinutes > dr.rtoMinutes
      ? [
          `the steps' budgets add up to ${budgetMinutes} minutes, more than dr.rtoMinutes (${dr.rtoMinutes}): raise the target, or measure the steps in a drill and shorten them`,
        ]
      : [];
  return {
    direction,
    environment: ids.environment,
    from,
    to,
    rpoMinutes: dr.rpoMinutes,
    rtoMinutes: dr.rtoMinutes,
    steps,
    budgetMinutes,
    warnings,
  };
}

/**
 * The failover of `config`'s environment to its standby, in order: declare, stop the primary's writers if they still
 * run, promote the database replicas and the cache, check Kafka, scale the standby, flip the DNS switch, verify.
 * The data is promoted before the switch: until then the standby's database is a read-only replica.
 */
export function failoverRunbook(config: EnvironmentConfig, ids: FailoverIds): Runbook {
  const { primaryRegion: p, standbyRegion: s } = ids;
  const domain = config.edge.api.domain!;
  const retention = config.database.backupRetentionDays;
  const steps: RunbookStep[] = [
    {
      title: "Declare the failover and note the recovery point",
      why: `The primary region (${p}) is impaired and will not be back within dr.rtoMinutes. Note the time: what the standby lacks is what the replicas had not yet received (each replica's RPO alarm pages when it lags more than dr.rpoMinutes).`,
      commands: [
        `aws health describe-events --region us-east-1 --filter "regions=${p},eventStatusCodes=open"`,
        `aws route53 get-health-check-status --health-check-id ${healthCheckId(ids.primaryHealthReference)}`,
        ...ids.databaseReplicas.map(
          (replica) =>
            `aws cloudwatch get-metric-statistics --region ${s} --namespace AWS/RDS --metric-name ReplicaLag --dimensions Name=DBInstanceIdentifier,Value=${replica} --statistics Maximum --period 60 --start-time $(date -u -d '-15 min' +%FT%TZ) --end-time $(date -u +%FT%TZ)`,
        ),
      ],
      check: {
        command: `aws cloudwatch describe-alarms --region ${s} --alarm-name-prefix ${ids.standbyPrefix}- --state-value ALARM`,
        expect:
          "the replicas' last ReplicaLag values (seconds behind: the writes at risk); the standby's own alarms quiet",
      },
      minutes: 10,
      basis: "a decision, not a measurement: the time to confirm the outage and read the lag",
    },
    {
      title: `Stop the writers in ${p}, if it still answers (best effort)`,
      why: "Writes that still reach the old primaries after the promotion would be lost (split brain). Skip what does not answer.",
      commands: [
        `aws autoscaling update-auto-scaling-group --region ${p} --auto-scaling-group-name ${ids.primaryMonolith} --min-size 0 --max-size 0 --desired-capacity 0`,
        `aws eks update-kubeconfig --region ${p} --name ${ids.primaryCluster} --alias ${ids.environment}`,
        ...ids.serviceNamespaces.map(
          (namespace) => `kubectl --context ${ids.environment} -n ${namespace} scale deployment --all --replicas=0`,
        ),
      ],
      check: {
        command: `aws autoscaling describe-auto-scaling-groups --region ${p} --auto-scaling-group-names ${ids.primaryMonolith} --query 'AutoScalingGroups[0].Instances'`,
        expect: "[] (or the region does not answer: go on)",
      },
      minutes: 5,
      basis: "assumption: API calls only; skipped when the region does not answer",
    },
    {
      title: `Promote each database shard's replica in ${s}`,
      why: `A promoted replica becomes a standalone, writable instance and stops following its source for good. Backups are turned on with the promotion (retention ${retention} days, database.backupRetentionDays). A replica that is backing-up cannot be promoted: wait for it. The shards promote in parallel.`,
      commands: ids.databaseReplicas.flatMap((replica) => [
        `aws rds promote-read-replica --region ${s} --db-instance-identifier ${replica} --backup-retention-period ${retention}`,
      ]),
      check: {
        command: ids.databaseReplicas
          .map((replica) => `aws rds wait db-instance-available --region ${s} --db-instance-identifier ${replica}`)
          .join(" && "),
        expect: `returns; then \`aws rds describe-db-instances --region ${s} --db-instance-identifier ${ids.databaseReplicas[0]} --query 'DBInstances[0].ReadReplicaSourceDBInstanceIdentifier'\` prints null`,
      },
      minutes: 15,
      basis:
        'AWS gives no figure ("a few minutes", longer for a large replica; RDS User Guide, promoting a read replica): measure it in a drill',
    },
    {
      title: `Promote the cache's secondary in ${s}`,
      why: `The global datastore's secondary (${ids.standbyCacheGroup}) becomes its primary. If the call fails because ${p} cannot be reached, disassociate the secondary instead (it then stands alone; AWS does not say which of the two works while the primary region is impaired). The cache holds no data of record: the services run on a cold cache too.`,
      commands: [
        `aws elasticache failover-global-replication-group --region ${s} --global-replication-group-id ${globalDatastoreId(ids, s)} --primary-region ${s} --primary-replication-group-id ${ids.standbyCacheGroup}`,
        `# only if the failover call fails: aws elasticache disassociate-global-replication-group --region ${s} --global-replication-group-id ${globalDatastoreId(ids, s)} --replication-group-id ${ids.standbyCacheGroup} --replication-group-region ${s}`,
      ],
      check: {
        command: `aws elasticache describe-replication-groups --region ${s} --replication-group-id ${ids.standbyCacheGroup} --query 'ReplicationGroups[0].[Status,GlobalReplicationGroupInfo.GlobalReplicationGroupMemberRole]'`,
        expect: '["available", "PRIMARY"] (or no global datastore after a disassociation)',
      },
      minutes: 10,
      basis:
        "the ElastiCache guide gives no figure (AWS's disaster recovery workshop, not normative, says 1 minute): measure it in a drill",
      alongside: true,
    },
    {
      title: `Check that Kafka in ${s} holds the topics and the consumer groups' offsets`,
      why: `MSK Replicator (${ids.replicatorName}) copied the topics under their names and translated each group's offsets; the standby's consumers resume near them and re-read some messages (at least once; MSK Developer Guide, "Consumer group offset synchronization"). It writes a group's offsets only while no consumer of the group is active in ${s}: the standby's consumers start in the next step, after this check. Leave the replicator in place (AWS's unplanned failover does not remove it).`,
      commands: [
        `aws kafka list-replicators --region ${s} --replicator-name-filter ${ids.replicatorName}`,
        `aws kafka get-bootstrap-brokers --region ${s} --cluster-arn $(aws kafka list-clusters-v2 --region ${s} --cluster-name-filter ${ids.standbyKafkaCluster} --query 'ClusterInfoList[0].ClusterArn' --output text)`,
      ],
      check: {
        command: ids.consumerGroups
          .map(
            (group) =>
              `kafka-consumer-groups.sh --bootstrap-server <the IAM brokers above> --command-config client-iam.properties --describe --group ${group}`,
          )
          .join(" && "),
        expect: `each group (${ids.consumerGroups.join(", ")}) has a CURRENT-OFFSET on every partition of the topics it consumes (no "-"), and no active member`,
      },
      minutes: 5,
      basis: "assumption: reads only",
      alongside: true,
    },
    {
      title: `Scale the standby to the primary's sizes and start its consumers`,
      why: `Set \`failedOver: true\` in the dr section of src/config/environments/${ids.environment}.ts: the standby's node groups and monolith take the primary's sizes, its consumers join their groups. First give each node group the primary's sizes by hand: Terraform ignores a node group's desired size, and EKS refuses a minimum above the desired size ("Minimum capacity ... can't be greater than desired size"), so the deploy alone would fail. ${ids.standby}-data waits until ${p} is back (it reads the primary's state, in ${p}): its replicas are already promoted, and the next deploy of it declares them so.`,
      commands: [
        ...ids.standbyNodeGroups.flatMap(({ prefix, primary }) => [
          `aws eks update-nodegroup-config --region ${s} --cluster-name ${ids.standbyCluster} --nodegroup-name ${nodeGroupName(s, ids.standbyCluster, prefix)} --scaling-config minSize=${primary.min},maxSize=${primary.max},desiredSize=${Math.max(primary.min, primary.desired)}`,
          `aws eks wait nodegroup-active --region ${s} --cluster-name ${ids.standbyCluster} --nodegroup-name ${nodeGroupName(s, ids.standbyCluster, prefix)}`,
        ]),
        `npm run deploy -- ${ids.standby}-cluster ${ids.standby}-workloads`,
        `aws eks update-kubeconfig --region ${s} --name ${ids.standbyCluster} --alias ${ids.standby}`,
      ],
      check: {
        command: [
          ...ids.standbyNodeGroups.map(
            ({ prefix }) =>
              `aws eks describe-nodegroup --region ${s} --cluster-name ${ids.standbyCluster} --nodegroup-name ${nodeGroupName(s, ids.standbyCluster, prefix)} --query 'nodegroup.[status,scalingConfig]'`,
          ),
          `aws autoscaling describe-auto-scaling-groups --region ${s} --auto-scaling-group-names ${ids.standbyMonolith} --query 'AutoScalingGroups[0].[MinSize,DesiredCapacity,length(Instances[?LifecycleState==\`InService\`])]'`,
        ].join(" && "),
        expect: `each node group ACTIVE at the primary's sizes (${ids.standbyNodeGroups.map(({ prefix, primary }) => `${prefix} min ${primary.min}`).join(", ")}); the monolith at MinSize ${ids.primaryMonolithSizes.min} with as many instances InService; \`kubectl --context ${ids.standby} get pods -A\` shows every service's pods Running`,
      },
      minutes: 15,
      basis: "assumption: node groups add nodes in minutes (the cluster autoscaler adds more under load)",
    },
    {
      title: "Flip the DNS switch to the standby",
      why: `The PRIMARY record of ${domain.name} follows the switch (${ids.switchReference}); inverted, it is unhealthy and Route 53 answers with the SECONDARY record, the standby's API, while that one's health check (${ids.standbyHealthReference}) is healthy. CloudFront's /api origin is the same name, so the site follows.`,
      commands: [`aws route53 update-health-check --health-check-id ${healthCheckId(ids.switchReference)} --inverted`],
      check: {
        command: `aws route53 test-dns-answer --hosted-zone-id ${domain.hostedZoneId} --record-name ${domain.name} --record-type A`,
        expect: `the answer is the standby API's regional domain (d-....execute-api.${s}.amazonaws.com addresses)`,
      },
      minutes: 5,
      basis: "assumption: the health check's new status, then the alias record's 60-second TTL",
    },
    {
      title: "Verify from outside",
      why: "The API answers through its domain and through the site, and nothing pages.",
      commands: [
        `curl -sS -o /dev/null -w '%{http_code}\\n' -H "x-api-key: $CLIENT_API_KEY" https://${domain.name}/`,
        `aws cloudwatch describe-alarms --region ${s} --alarm-name-prefix ${ids.standbyPrefix}- --state-value ALARM`,
      ],
      check: {
        command: `aws route53 get-health-check-status --health-check-id ${healthCheckId(ids.standbyHealthReference)}`,
        expect: "the API answers (not 5xx); no alarm in ALARM; the standby's API health check healthy",
      },
      minutes: 5,
      basis: "assumption: reads only",
    },
  ];
  return finishRunbook("failover", config, ids, steps);
}
