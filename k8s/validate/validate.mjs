// Validates every object of a rendered overlay (kubectl kustomize output on stdin) against its schema:
// Kubernetes' own (kubernetes-models), Strimzi's CRDs (@kubernetes-models/strimzi-kafka-operator) and
// CloudNativePG's CRDs (@kubernetes-models/cloudnative-pg). Unknown kinds fail too: nothing goes unchecked.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const packages = {
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "core.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
};

const label = process.argv[2] || "stdin";
const documents = yaml.loadAll(readFileSync(0, "utf8")).filter(Boolean);
let failures = 0;
for (const doc of documents) {
  const name = `${doc.kind}/${doc.metadata?.name}`;
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
  const module = group === "" ? `kubernetes-models/${version}/${doc.kind}`
    : packages[group] ? `${packages[group]}/${group}/${version}/${doc.kind}`
    : `kubernetes-models/${group}/${version}/${doc.kind}`;
  let Model;
  try {
    Model = (await import(module))[doc.kind];
  } catch (e) {
    console.error(`${label}: ${name}: no schema for ${doc.apiVersion} ${doc.kind} (${module})`);
    failures++;
    continue;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    console.error(`${label}: ${name} is invalid: ${e.message}`);
    failures++;
  }
}
if (failures > 0) {
  console.error(`${label}: ${failures} of ${documents.length} objects failed validation`);
  process.exit(1);
}
console.log(`${label}: ${documents.length} objects valid`);
