// Every producer and consumer key either changes the history when set or warns that it does not.
import { checkScopes } from "./catalog-effects-check.ts";

checkScopes(["producer", "consumer"]);
