// Validates a multi-document YAML stream (stdin) against the Kubernetes OpenAPI schemas shipped by
// kubernetes-models (types, required fields, enums, formats), offline. Refuses API versions that
// Kubernetes 1.32 no longer serves. Prints the documents as a JSON array on success; on failure
// prints one line per problem (document, kind/name, path, message) to stderr and exits 1.
import { parseAllDocuments } from "yaml";

const retired = new Set(["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2", "policy/v1beta1", "batch/v1beta1",
  "networking.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1beta1", "autoscaling/v2beta1", "autoscaling/v2beta2"]);

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

const problems = [];
const documents = [];
const docs = parseAllDocuments(input);
for (const [index, doc] of docs.entries()) {
  if (doc.errors.length > 0) {
    problems.push(`document ${index}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const object = doc.toJS();
  if (object === null || object === undefined) continue;
  const where = `document ${index} (${object.kind ?? "?"}/${object.metadata?.name ?? "?"})`;
  if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    problems.push(`${where}: apiVersion and kind are required`);
    continue;
  }
  if (retired.has(object.apiVersion)) {
    problems.push(`${where}: ${object.apiVersion} is not served by Kubernetes 1.32`);
    continue;
  }
  // kustomize folds long base64 values; the API server ignores the breaks, the schema's byte format does not.
  if (object.kind === "Secret" && object.data) {
    for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/\s+/g, "");
  }
  // Core kinds live under kubernetes-models/v1/, the others under kubernetes-models/<group>/<version>/.
  const modulePath = `kubernetes-models/${object.apiVersion}/${object.kind}`;
  let Model;
  try {
    Model = (await import(modulePath))[object.kind];
  } catch {
    problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    const details = (e.errors ?? [{ instancePath: "", message: e.message }])
      .map((x) => `${x.instancePath || "/"} ${x.message}${x.params?.allowedValues ? ` (${x.params.allowedValues.join(", ")})` : ""}`);
    problems.push(`${where}: ${details.join("; ")}`);
    continue;
  }
  documents.push(object);
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(JSON.stringify(documents));
