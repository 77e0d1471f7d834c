// Reads the schema of the GraphQL endpoint at process.argv[2] as a stock
// client does: graphql-js's getIntrospectionQuery(), then
// buildClientSchema and printSchema. Prints the schema on stdout; exits 1
// with the error on stderr if the server refuses the query or graphql-js
// cannot build a schema from the answer. Run by graph's
// TestGraphQLJSIntrospection (npm ci first).
import { buildClientSchema, getIntrospectionQuery, printSchema } from "graphql";

const url = process.argv[2];
const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
const resp = await fetch(url, {
  method: "POST",
  headers: { "Content-Type": "application/json", Accept: "application/json" },
  body: JSON.stringify({ query, operationName: "IntrospectionQuery" }),
});
const body = await resp.json();
if (!resp.ok || body.errors) {
  console.error(`HTTP ${resp.status}: ${JSON.stringify(body.errors ?? body)}`);
  process.exit(1);
}
process.stdout.write(printSchema(buildClientSchema(body.data)) + "\n");
