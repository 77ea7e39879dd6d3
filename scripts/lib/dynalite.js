// Runs dynalite, the DynamoDB emulator of Seiswork's local cloud (scripts/cloud-local.sh) and of
// its tests (LocalCloud), with two guards dynalite's own cli.js lacks:
//
//  - A client that closes its connection in the middle of a request (a worker thread interrupted
//    by a cancel, a client closed at the end of a test class) makes Node emit "aborted" on the
//    request, which dynalite rethrows from its error handler: the whole emulator died with it,
//    and every later request was refused. Those errors are logged and ignored; any other
//    uncaught error is logged and ends the process with status 70.
//  - --exit-with-stdin: exit when standard input closes, so a test JVM's child dies with it even
//    when the JVM is killed before its shutdown hook runs.
//
// Usage: node dynalite.js <dynalite's directory> --host H --port P [--path DIR] [--exit-with-stdin]
//        [--createTableMs N --deleteTableMs N --updateTableMs N]
// --port 0 takes a free port; the line "seiswork dynalite listening on port N" says which.
const [dir, ...rest] = process.argv.slice(2);
const options = {};
let exitWithStdin = false;
for (let i = 0; i < rest.length; i++) {
  const key = rest[i].replace(/^--/, '');
  if (key === 'exit-with-stdin') {
    exitWithStdin = true;
  } else {
    options[key] = rest[++i];
  }
}
for (const ms of ['createTableMs', 'deleteTableMs', 'updateTableMs']) {
  if (options[ms] !== undefined) options[ms] = Number(options[ms]);
}

process.on('uncaughtException', err => {
  if (err && err.code === 'ECONNRESET' && err.message === 'aborted') {
    console.log('a client closed its connection in the middle of a request: ignored');
    return;
  }
  console.log('dynalite failed: ' + (err && err.stack ? err.stack : err));
  process.exit(70);
});
process.on('exit', code => console.log('node exits with status ' + code));
if (exitWithStdin) {
  process.stdin.on('end', () => {
    console.log('standard input closed: the process that started dynalite is gone');
    process.exit(0);
  });
  process.stdin.resume();
}

const server = require(require('path').join(dir, 'index.js'))(options);
server.listen(Number(options.port || 0), options.host, () =>
  console.log('seiswork dynalite listening on port ' + server.address().port));
