// Lists the entries of a zip file (a VSIX) from its central directory. No dependencies; no zip64 (VSIXs are small).
import { readFileSync } from 'node:fs';

/** @returns {{ name: string, size: number, compressedSize: number }[]} */
export function zipEntries(file) {
	const buf = readFileSync(file);
	const eocdSignature = 0x06054b50;
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
		if (buf.readUInt32LE(i) === eocdSignature) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new Error(`${file} is not a zip file (no end-of-central-directory record)`);
	const count = buf.readUInt16LE(eocd + 10);
	let offset = buf.readUInt32LE(eocd + 16);
	const entries = [];
	for (let i = 0; i < count; i++) {
		if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
		const compressedSize = buf.readUInt32LE(offset + 20);
		const size = buf.readUInt32LE(offset + 24);
		const nameLength = buf.readUInt16LE(offset + 28);
		const extraLength = buf.readUInt16LE(offset + 30);
		const commentLength = buf.readUInt16LE(offset + 32);
		entries.push({ name: buf.toString('utf8', offset + 46, offset + 46 + nameLength), size, compressedSize });
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}
