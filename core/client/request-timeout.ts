// The timer of one in-flight request's deadline (request.timeout.ms), shared by every client
// that keeps InFlightRequests: brokers, producers and consumers.

export interface RequestTimeout {
  readonly kind: "RequestTimeout";
  readonly correlationId: number;
}
