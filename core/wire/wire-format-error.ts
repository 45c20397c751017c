// A request or record batch that does not parse: Kafka's broker answers such bytes with
// CORRUPT_MESSAGE / INVALID_REQUEST or closes the connection (InvalidRequestException in
// SocketServer's Processor), never by falling over.

export class WireFormatError extends Error {
  override readonly name = "WireFormatError";
}
