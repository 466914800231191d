// A one-hop HTTP proxy between the Agents Playground and the bot that sets the
// user's locale on every activity, as a Teams client does. The Playground sends
// no locale on conversation updates and a fixed "en-US" on card actions
// (invokes), so without this a Swedish user's clicks would be answered in English.
//
//   node e2e/locale-proxy.mjs --port 0 --target http://127.0.0.1:3978 --locale sv-SE
// prints "Listening on <port>" once it is ready. `PUT /__locale` with a locale as
// its body switches the locale from then on (the end-to-end driver changes user).
import http from "node:http";
import { parseArgs } from "node:util";

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    target: { type: "string" },
    locale: { type: "string", default: "sv-SE" },
  },
});
if (!opts.target) {
  console.error("usage: locale-proxy.mjs --target http://127.0.0.1:PORT [--port P] [--locale sv-SE]");
  process.exit(2);
}
const target = new URL(opts.target);
if (!["127.0.0.1", "localhost"].includes(target.hostname)) {
  console.error(`locale-proxy: target must be on loopback, not ${target.hostname}`);
  process.exit(2);
}

function withLocale(activity) {
  if (!activity || typeof activity !== "object") return activity;
  activity.locale = opts.locale;
  for (const entity of activity.entities ?? []) {
    if (entity && entity.type === "clientInfo") entity.locale = opts.locale;
  }
  return activity;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let body = Buffer.concat(chunks);
    if (req.method === "PUT" && req.url === "/__locale") {
      const locale = body.toString("utf8").trim();
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) {
        res.writeHead(400).end("not a locale");
        return;
      }
      opts.locale = locale;
      res.writeHead(204).end();
      return;
    }
    if (req.method === "POST" && /json/.test(req.headers["content-type"] ?? "") && body.length) {
      try {
        body = Buffer.from(JSON.stringify(withLocale(JSON.parse(body.toString("utf8")))));
      } catch {
        // not JSON after all: pass it on untouched, the bot will answer 400
      }
    }
    const headers = { ...req.headers, host: target.host, "content-length": String(body.length) };
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`locale-proxy: ${error.message}`);
    });
    upstream.end(body);
  });
});
server.listen(Number(opts.port), "127.0.0.1", () => {
  console.log(`Listening on ${server.address().port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
