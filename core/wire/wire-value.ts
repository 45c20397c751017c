// The values a message spec's fields decode to: one JavaScript value per spec type, keyed by
// the spec's own field names (PascalCase, as in the JSON), so a decoded request reads like
// Kafka's generated data classes: `req.Topics[0].Partitions[0].FetchOffset`.

export type WireValue = number | boolean | string | null | Uint8Array | WireStruct | readonly WireValue[];

export interface WireStruct {
  readonly [field: string]: WireValue | undefined;
}
