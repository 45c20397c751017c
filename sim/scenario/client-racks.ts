// A client's `config.client.rack`, and each rack of a group's `racks:`, must name one of cluster.racks: it says which zone the
// client's machine is in, and a zone that does not exist has no network link to price.

import { didYouMean } from "./did-you-mean.ts";
import type { MapView } from "./node-reader.ts";
import { rackNames } from "./schema-racks.ts";
import type { ConsumerSpec, ProducerSpec } from "./types.ts";

export function checkClientRacks(top: MapView, racks: readonly string[] | null, producers: readonly ProducerSpec[], consumers: readonly ConsumerSpec[]): void {
  const check = (section: "producers" | "consumers", i: number, rack: unknown): void => {
    if (typeof rack !== "string" || rack === "") return;
    const field = top.get(section).list()[i]!.map().get("config").map().get("client.rack");
    if (racks === null) return field.fail(`client.rack ${rack} names a zone, but the cluster has no racks: set cluster.racks, one rack per broker`);
    const names = rackNames(racks);
    if (!names.includes(rack)) field.fail(`there is no rack "${rack}": cluster.racks has ${names.join(", ")}${didYouMean(rack, names)}`);
  };
  producers.forEach((p, i) => check("producers", i, p.config["client.rack"]));
  consumers.forEach((c, i) => check("consumers", i, c.config["client.rack"]));
  consumers.forEach((c, i) =>
    c.racks?.forEach((rack, n) => {
      const field = top.get("consumers").list()[i]!.map().get("racks").list()[n]!;
      if (racks === null) return field.fail("racks names zones, but the cluster has no racks: set cluster.racks, one rack per broker");
      const names = rackNames(racks);
      if (!names.includes(rack)) field.fail(`there is no rack "${rack}": cluster.racks has ${names.join(", ")}${didYouMean(rack, names)}`);
    }),
  );
}
