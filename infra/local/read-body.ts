import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body as UTF-8 (API Gateway passes non-binary bodies as the raw string), or resolves
 * undefined once it exceeds `maxBytes`. The declared Content-Length is checked first so an oversized
 * upload is refused before it is received.
 */
export const readBody = async (request: IncomingMessage, maxBytes: number): Promise<string | undefined> => {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  // Decoding the whole buffer once keeps multi-byte characters split across chunks intact.
  return Buffer.concat(chunks).toString('utf8');
};
