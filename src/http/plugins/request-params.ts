import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

export type RequestParams = { raw: Record<string, unknown>; files: Record<string, Buffer> };

const FILE_FIELDS = new Set(['document', 'document_back', 'face', 'file', 'file_back', 'video']);

/**
 * One parameter map whatever the body was (JSON, urlencoded or multipart); uploaded files of
 * known fields are kept apart. The query string fills in what the body does not carry.
 */
export async function readParams(request: FastifyRequest, maxFileBytes: number): Promise<RequestParams> {
  const raw: Record<string, unknown> = { ...(request.query as Record<string, unknown>) };
  const files: Record<string, Buffer> = {};
  if (request.isMultipart()) {
    try {
      for await (const part of request.parts({ limits: { fileSize: maxFileBytes, files: 6, fields: 300, fieldSize: 8 * 1024 * 1024 } })) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          if (FILE_FIELDS.has(part.fieldname)) files[part.fieldname] = data;
        } else {
          raw[part.fieldname] = part.value;
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError(ErrorCode.InvalidImage, `Uploaded file is larger than ${maxFileBytes} bytes`);
      if (code?.startsWith('FST_')) throw new DomainError(ErrorCode.MalformedRequest, `Malformed multipart body: ${(e as Error).message}`);
      throw e;
    }
    return { raw, files };
  }
  const body = request.body;
  if (body !== undefined && body !== null) {
    if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError(ErrorCode.MalformedRequest, 'The request body must be a JSON object or form fields');
    Object.assign(raw, body);
  }
  return { raw, files };
}
