// Preloaded into the Agents Playground (node --require e2e/loopback.cjs) by the
// end-to-end test: the Playground stays on this machine.
//  - Every server it opens listens on 127.0.0.1. The Playground calls
//    server.listen(port) without a host, which would bind every interface.
//  - Every outgoing TCP connection to anything but loopback is refused (telemetry
//    is disabled by flag; this makes sure nothing else leaks either).
"use strict";
const net = require("node:net");

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "::ffff:127.0.0.1"]);

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
  } else if (first && typeof first === "object" && !("path" in first) && !first.host) {
    args[0] = { ...first, host: "127.0.0.1" };
  }
  return listen.apply(this, args);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = args[0];
  let host;
  if (Array.isArray(options)) host = options[0] && options[0].host;
  else if (options && typeof options === "object") host = "path" in options ? "localhost" : options.host;
  else if (typeof options === "number" || /^\d+$/.test(String(options))) host = typeof args[1] === "string" ? args[1] : "localhost";
  else host = "localhost"; // a Unix socket path
  if (host === undefined) host = "localhost";
  if (!LOOPBACK.has(String(host).replace(/^\[|\]$/g, ""))) {
    process.stderr.write(`[loopback] refused outgoing connection to ${host}\n`);
    const error = Object.assign(new Error(`connection to ${host} refused (loopback only)`), { code: "ECONNREFUSED" });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};
