import type { Clock } from '../clock.ts';
import { newId } from '../crypto/ids.ts';
import type { BlobStore } from './blob-store.ts';
import { acceptUpload } from './content-type.ts';

export interface StoredUpload {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  blobKey: string;
  createdAt: string;
}

/** Checks an upload (size, type by its bytes, safe name) and writes it under `folder/YYYY-MM/id`. */
export async function storeUpload(
  deps: { blobs: BlobStore; clock: Clock },
  folder: string,
  file: { fileName: string; data: Buffer },
  maxBytes: number,
): Promise<StoredUpload> {
  const checked = acceptUpload(file, maxBytes);
  const id = newId();
  const now = deps.clock.now();
  const blobKey = `${folder}/${now.toISOString().slice(0, 7)}/${id}`;
  await deps.blobs.put(blobKey, file.data);
  return { id, ...checked, size: file.data.length, blobKey, createdAt: now.toISOString() };
}
