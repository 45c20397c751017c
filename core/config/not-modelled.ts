// Kafka keys a scenario may set (so real config files paste cleanly) that the simulator does
// not model, each with what that means for the result. Setting one to a value other than its
// default makes the loader warn (file:line:col: at <path>: accepted, not modelled: <note>) and
// the summary list it under `notModelled`; `--strict-config` makes it an error. A key here must
// exist in its catalog (defineCatalog checks), and a key that gains an effect leaves this list.


export const NOT_MODELLED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  broker: {
    "leader.imbalance.per.broker.percentage": "KRaft's controller does not use it (only the ZooKeeper-era controller did): a preferred election runs for every partition whose leader is not its preferred replica",
    "offsets.retention.minutes": "committed offsets are never expired",
    "log.roll.jitter.ms": "segments roll without jitter",
    "log.roll.jitter.hours": "segments roll without jitter",
    "log.cleaner.threads": "one cleaner thread per broker, as with the default 1",
    "log.segment.delete.delay.ms": "a deleted segment's file is removed at once",
    "log.message.timestamp.type": "record timestamps are always the producer's (CreateTime)",
    "log.preallocate": "segment files are not preallocated (no effect on any figure)",
    "num.io.threads": "request handling is not limited by handler threads (no request-queue time)",
    "queued.max.requests": "the request queue has no limit",
    "transactional.id.expiration.ms": "transactional ids are never expired (a run is far shorter than the 7-day default)",
    "transaction.remove.expired.transaction.cleanup.interval.ms": "transactional ids are never expired",
    "transaction.partition.verification.enable": "leaders never verify a transactional produce with the coordinator (KIP-890 part 1): a produce that arrives after its transaction ended is appended, as with the key off",
    "controller.quorum.append.linger.ms": "the Raft leader writes metadata records as the controller appends them, without lingering to batch them (commits come up to 25 ms sooner than in Kafka)",
  },
  topic: {
    "segment.jitter.ms": "segments roll without jitter",
    "message.timestamp.type": "record timestamps are always the producer's (CreateTime)",
    "file.delete.delay.ms": "a deleted segment's file is removed at once",
    preallocate: "segment files are not preallocated (no effect on any figure)",
  },
  producer: {
    "client.id": "client ids name nothing in the simulation (no quotas, no broker logs)",
    "bootstrap.servers": "the simulator connects clients to its own brokers",
    "key.serializer": "keys are strings",
    "value.serializer": "values are sizes, not bytes",
    "partitioner.adaptive.partitioning.enable": "unkeyed records are spread by the uniform sticky partitioner without broker load statistics, as with false",
    "partitioner.availability.timeout.ms": "no partition is skipped for a slow broker, as with 0",
    "socket.connection.setup.timeout.ms": "a reconnect is one ApiVersions round trip bounded by request.timeout.ms, not by this timeout; first connections take no time",
    "socket.connection.setup.timeout.max.ms": "a reconnect is one ApiVersions round trip bounded by request.timeout.ms, not by this timeout; first connections take no time",
    "connections.max.idle.ms": "idle connections are never closed",
  },
  consumer: {
    "client.id": "client ids name nothing in the simulation (no quotas, no broker logs)",
    "bootstrap.servers": "the simulator connects clients to its own brokers",
    "key.deserializer": "keys are strings",
    "value.deserializer": "values are sizes, not bytes",
  },
};
