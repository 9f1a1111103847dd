// Starts s3rver (npm package, S3 behaviour without signature checks) for the
// fetch tests on 127.0.0.1 and an ephemeral port, uploads the given objects,
// then prints "PORT <n>".
//
//   node s3rver_server.js NODE_MODULES DATA_DIR BUCKET [BUCKET/KEY=FILE ...]
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const [modules, dataDir, bucket, ...uploads] = process.argv.slice(2);
const S3rver = require(path.join(modules, 's3rver'));

function put(port, target, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PUT', path: '/' + target, headers: { 'Content-Length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${target}: ${res.statusCode}`))));
      });
    req.on('error', reject);
    req.end(body);
  });
}

const server = new S3rver({
  address: '127.0.0.1', port: 0, silent: true, directory: dataDir, configureBuckets: [{ name: bucket }],
});
server.run().then(async (address) => {
  for (const spec of uploads) {
    const [target, file] = spec.split('=');
    await put(address.port, target, fs.readFileSync(file));
  }
  process.stdout.write(`PORT ${address.port}\n`);
}).catch((err) => {
  process.stdout.write(`ERROR ${err.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
