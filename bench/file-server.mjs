// The baselines for the documents bench: a bare Node server, on the same machine in the same run.
// GET /file streams FILE with fs.createReadStream; POST /upload streams the request body into a file
// under UPLOAD_DIR while hashing it, fsyncs, and answers with the SHA-256 (what any store must do at least).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const file = process.env.FILE;
const uploadDir = process.env.UPLOAD_DIR;
let uploads = 0;

const server = createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/file' && file) {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
    return;
  }
  if (req.method === 'POST' && req.url === '/upload' && uploadDir) {
    const target = path.join(uploadDir, `upload-${uploads++}`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(req, meter, createWriteStream(target));
      const handle = await open(target, 'r+');
      await handle.sync();
      await handle.close();
      await unlink(target);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ size, sha256: hash.digest('hex') }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
    return;
  }
  res.writeHead(404).end();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
