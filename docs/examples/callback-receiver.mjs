// A callback receiver for idgate that checks both signatures before trusting a result.
//   npm install standardwebhooks
//   IDGATE_URL=https://idgate.example.com IDGATE_API_KEY=idg_… \
//   IDGATE_WEBHOOK_SECRET=$(npx idgate webhook secret | head -1) PORT=3000 node callback-receiver.mjs
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const { IDGATE_URL, IDGATE_API_KEY, IDGATE_WEBHOOK_SECRET, PORT = '3000' } = process.env;
// During a secret rotation idgate signs with the old and the new secret: either verifies.
const webhook = new Webhook(IDGATE_WEBHOOK_SECRET);
const handled = new Set(); // webhook-id is stable across retries: use it to drop duplicates

async function docupassHashIsValid(reference, hash) {
  const res = await fetch(`${IDGATE_URL}/docupass/validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apikey: IDGATE_API_KEY, reference, hash }),
  });
  return (await res.json()).success === true;
}

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      let result;
      try {
        // 1. Standard Webhooks: HMAC over id.timestamp.body, timestamp within 5 minutes.
        result = webhook.verify(body, req.headers);
      } catch {
        res.writeHead(400).end('bad signature');
        return;
      }
      // 2. DocuPass: idgate confirms this reference, outcome and hash belong together.
      if (!(await docupassHashIsValid(result.reference, result.hash))) {
        res.writeHead(400).end('bad hash');
        return;
      }
      const id = req.headers['webhook-id'];
      if (!handled.has(id)) {
        handled.add(id);
        // Your business logic: result.success, result.failcode, result.data, result.customid …
        console.log(JSON.stringify({ accepted: result.reference, success: result.success, failcode: result.failcode ?? null }));
      }
      res.writeHead(200).end('ok'); // only HTTP 200 counts as delivered; anything else is retried
    });
  })
  .listen(Number(PORT), () => console.log(`listening on ${PORT}`));
