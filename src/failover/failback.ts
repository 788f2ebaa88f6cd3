import type { EnvironmentConfig } from "../config/schema";
import type { FailoverIds } from "./identifiers";
import { finishRunbook, globalDatastoreId, healthCheckId, type Runbook, type RunbookStep } from "./runbook";

/**
 * Failing back to the primary region once it is healthy: a planned change, not an emergency. The code models one
 * direction of replication (primary region to standby region), so the way back is by hand and stated as such:
 * replicate the promoted data back, stop the writers for a short window, promote in the primary region, re-adopt
 * the instances in Terraform's state, flip the switch back, and rebuild the standby.
 */
export function failbackRunbook(config: EnvironmentConfig, ids: FailoverIds): Runbook {
  const { primaryRegion: p, standbyRegion: s } = ids;
  const domain = config.edge.api.domain!;
  const account = config.aws.accountId ?? "<account id>";
  const failbackId = (primary: string) => `${primary}-failback`;
  // Terraform in the stack's synthesized folder (after \`npm run synth\` and \`terraform init\` there).
  const state = (stack: string, command: string) => `terraform -chdir=cdktf.out/stacks/${stack} ${command}`;
  const steps: RunbookStep[] = [
    {
      title: `Keep what the old primaries in ${p} hold`,
      why: "They may hold writes the standby never received (the RPO window): snapshot them before anything replaces them, to reconcile by hand.",
      commands: ids.databasePrimaries.map(
        (primary) =>
          `aws rds create-db-snapshot --region ${p} --db-instance-identifier ${primary} --db-snapshot-identifier ${primary}-before-failback`,
      ),
      check: {
        command: `aws rds wait db-snapshot-available --region ${p} --db-snapshot-identifier ${ids.databasePrimaries[0]}-before-failback`,
        expect: "returns for each snapshot",
      },
      minutes: 15,
      basis: "assumption: depends on the data size",
    },
    {
      title: `Replicate the serving data back to ${p}`,
      why: `A cross-region replica in ${p} of each instance now serving in ${s}, encrypted with the primary's key. The cache: if ${p}'s cache came back as the global datastore's secondary, it is already in sync; if it was disassociated, it is stale and is emptied on the way back (a cache holds no data of record).`,
      commands: ids.databaseReplicas.map(
        (replica, shard) =>
          `aws rds create-db-instance-read-replica --region ${p} --db-instance-identifier ${failbackId(ids.databasePrimaries[shard])} --source-db-instance-identifier arn:aws:rds:${s}:${account}:db:${replica} --kms-key-id ${ids.databaseKeyAlias} --db-instance-class ${config.database.instanceClass} --multi-az`,
      ),
      check: {
        command: `aws cloudwatch get-metric-statistics --region ${p} --namespace AWS/RDS --metric-name ReplicaLag --dimensions Name=DBInstanceIdentifier,Value=${failbackId(ids.databasePrimaries[0])} --statistics Maximum --period 60 --start-time $(date -u -d '-10 min' +%FT%TZ) --end-time $(date -u +%FT%TZ)`,
        expect: "each replica available and its ReplicaLag near 0",
      },
      minutes: 60,
      basis: "assumption: a cross-region copy of the whole database; depends on its size",
    },
    {
      title: `Stop the writers in ${s} and let the consumers drain`,
      why: `The short write outage of a failback: nothing may write while the data changes sides. No replicator copies Kafka back (AWS's failback creates a reverse MSK Replicator, ${s} to ${p}, MSK Developer Guide "Failback"; the code declares none): the standby's consumers finish what is queued there first, and the primary's consumers resume from their offsets of before the outage (at least once).`,
      commands: [
        `aws autoscaling update-auto-scaling-group --region ${s} --auto-scaling-group-name ${ids.standbyMonolith} --min-size 0 --max-size 0 --desired-capacity 0`,
        `aws eks update-kubeconfig --region ${s} --name ${ids.standbyCluster} --alias ${ids.standby}`,
        `# scale each producing service to 0 and leave the consumers running until their lag is 0, then scale them to 0`,
      ],
      check: {
        command: `kafka-consumer-groups.sh --bootstrap-server <the standby's IAM brokers> --command-config client-iam.properties --describe --all-groups`,
        expect: "LAG 0 on every partition of every group",
      },
      minutes: 15,
      basis: "assumption: depends on the queued messages",
    },
    {
      title: `Promote in ${p} and give the instances their names back`,
      why: "The replicas become the primaries again, under the identifiers Terraform knows; the old primaries keep their snapshots.",
      commands: ids.databasePrimaries.flatMap((primary) => [
        `aws rds modify-db-instance --region ${p} --db-instance-identifier ${primary} --new-db-instance-identifier ${primary}-old --apply-immediately`,
        `aws rds promote-read-replica --region ${p} --db-instance-identifier ${failbackId(primary)} --backup-retention-period ${config.database.backupRetentionDays}`,
        `aws rds modify-db-instance --region ${p} --db-instance-identifier ${failbackId(primary)} --new-db-instance-identifier ${primary} --apply-immediately`,
      ]),
      check: {
        command: `aws rds describe-db-instances --region ${p} --db-instance-identifier ${ids.databasePrimaries[0]} --query 'DBInstances[0].[DBInstanceStatus,ReadReplicaSourceDBInstanceIdentifier]'`,
        expect: '["available", null] for each shard',
      },
      minutes: 20,
      basis: 'AWS gives no figure for a promotion ("a few minutes"); renames reboot nothing but take minutes',
    },
    {
      title: `Re-adopt the instances in Terraform's state, then fail the cache back`,
      why: `Terraform knows an instance by its resource id, not its name: the old entries go and the renamed instances come in. The shards' read replicas and proxy targets still follow the renamed old primaries, under the same name and ARN, so the plan shows no change for them: replace them explicitly. Review the plan first (deletion protection and prevent_destroy stop anything else).`,
      commands: [
        ...ids.primaryAddresses.flatMap((address, shard) => [
          state(`${ids.environment}-data`, `state rm ${address}`),
          state(`${ids.environment}-data`, `import ${address} ${ids.databasePrimaries[shard]}`),
        ]),
        `aws elasticache failover-global-replication-group --region ${p} --global-replication-group-id ${globalDatastoreId(ids, p)} --primary-region ${p} --primary-replication-group-id ${ids.primaryCacheGroup}`,
        `terraform -chdir=cdktf.out/stacks/${ids.environment}-data apply ${ids.primaryFollowerAddresses.map((address) => `-replace=${address}`).join(" ")}`,
      ],
      check: {
        command: `npm run diff -- ${ids.environment}-data`,
        expect: "no change: the instances, replicas and proxy targets are Terraform's again",
      },
      minutes: 20,
      basis: "assumption: state commands and one plan",
    },
    {
      title: `Scale ${p} up and flip the switch back`,
      why: `Set \`failedOver: false\` in src/config/environments/${ids.environment}.ts (the standby waits small again), bring the primary's writers back, then send the API's name to ${p}. The failover emptied the monolith group and the Deployments by hand, and Terraform ignores their sizes (desired capacity, minimum, replicas; a HorizontalPodAutoscaler leaves a Deployment at 0 replicas alone): give them their synthesized sizes back by hand.`,
      commands: [
        `aws autoscaling update-auto-scaling-group --region ${p} --auto-scaling-group-name ${ids.primaryMonolith} --min-size ${ids.primaryMonolithSizes.min} --max-size ${ids.primaryMonolithSizes.max} --desired-capacity ${ids.primaryMonolithSizes.desired}`,
        `aws eks update-kubeconfig --region ${p} --name ${ids.primaryCluster} --alias ${ids.environment}`,
        ...ids.primaryDeployments.map(
          ({ name, namespace, replicas }) =>
            `kubectl --context ${ids.environment} -n ${namespace} scale deployment ${name} --replicas=${replicas}`,
        ),
        `npm run deploy -- ${ids.environment}-workloads`,
        `aws route53 update-health-check --health-check-id ${healthCheckId(ids.switchReference)} --no-inverted`,
      ],
      check: {
        command: `aws route53 test-dns-answer --hosted-zone-id ${domain.hostedZoneId} --record-name ${domain.name} --record-type A`,
        expect: `the primary API's regional domain in ${p}`,
      },
      minutes: 15,
      basis: "assumption: a deploy of the workloads and the record's TTL",
    },
    {
      title: `Rebuild the standby in ${s}`,
      why: `The instances that served in ${s} are standalone now; the standby needs fresh replicas of the primaries. Remove them from the standby's state (keep a final snapshot), delete them, and deploy ${ids.standby}-data: it creates new cross-region replicas, and MSK Replicator starts again from the primary's topics. Step 3 emptied the standby's Deployments, whose replicas Terraform ignores: scale them back to their synthesized replicas so that the standby stays warm.`,
      commands: [
        ...ids.replicaAddresses.map((address) => state(`${ids.standby}-data`, `state rm ${address}`)),
        ...ids.databaseReplicas.flatMap((replica) => [
          `aws rds modify-db-instance --region ${s} --db-instance-identifier ${replica} --no-deletion-protection --apply-immediately`,
          `aws rds delete-db-instance --region ${s} --db-instance-identifier ${replica} --final-db-snapshot-identifier ${replica}-after-failback --no-delete-automated-backups`,
        ]),
        `npm run deploy -- ${ids.standby}-data ${ids.standby}-cluster ${ids.standby}-workloads`,
        ...ids.standbyDeployments.map(
          ({ name, namespace, replicas }) =>
            `kubectl --context ${ids.standby} -n ${namespace} scale deployment ${name} --replicas=${replicas}`,
        ),
      ],
      check: {
        command: `aws rds describe-db-instances --region ${s} --db-instance-identifier ${ids.databaseReplicas[0]} --query 'DBInstances[0].ReadReplicaSourceDBInstanceIdentifier'`,
        expect: `the primary's ARN in ${p}: the standby follows again`,
      },
      minutes: 60,
      basis: "assumption: new cross-region replicas of the whole database",
    },
  ];
  return finishRunbook("failback", config, ids, steps);
}
