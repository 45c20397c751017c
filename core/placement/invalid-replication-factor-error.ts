// Kafka's InvalidReplicationFactorException, with the placer's messages.

export class InvalidReplicationFactorError extends Error {
  override readonly name = "InvalidReplicationFactorError";
}
