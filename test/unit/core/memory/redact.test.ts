import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../../src/core/memory/redact';

describe('redactSecrets', () => {
	const cases: ReadonlyArray<[string, string, string]> = [
		['Anthropic key', 'use sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv_wx-yz0123 now', 'use [REDACTED:anthropic-key] now'],
		['OpenAI key', 'OPENAI sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345', 'OPENAI [REDACTED:openai-key]'],
		['legacy OpenAI key', 'sk-AbCdEfGhIjKlMnOpQrStUvWxYz012345', '[REDACTED:openai-key]'],
		['Google key', 'key AIzaSyA-1234567890abcdefghijklmnopqrstu', 'key [REDACTED:google-key]'],
		['GitHub PAT classic', 'ghp_0123456789abcdefghijABCDEFGHIJ012345', '[REDACTED:github-token]'],
		['GitHub fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '[REDACTED:github-token]'],
		['AWS access key', 'aws AKIAIOSFODNN7EXAMPLE here', 'aws [REDACTED:aws-key] here'],
		['Slack token', 'xoxb-1234567890-abcdefghij', '[REDACTED:slack-token]'],
		['JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt [REDACTED:jwt]'],
		['bearer', 'Authorization: Bearer abcdefghijklmnop1234567890', 'Authorization: Bearer [REDACTED:bearer]'],
		['URL password', 'db postgres://admin:s3cr3t-pw@db.example.com:5432/app', 'db postgres://admin:[REDACTED:password]@db.example.com:5432/app'],
		['password=', 'login with password=hunter2 ok', 'login with password=[REDACTED:secret] ok'],
		['token:', 'token: abc.def-123', 'token: [REDACTED:secret]'],
		['quoted JSON value', '{"api_key": "abc 123", "x": 1}', '{"api_key": "[REDACTED:secret]", "x": 1}'],
		['env style', 'export CLIENT_SECRET="shh"', 'export CLIENT_SECRET="[REDACTED:secret]"'],
		['single quotes', "passwd='p w'", "passwd='[REDACTED:secret]'"],
	];
	for (const [name, input, expected] of cases) {
		it(`redacts ${name}`, () => {
			const r = redactSecrets(input);
			assert.equal(r.text, expected);
			assert.ok(r.count >= 1);
		});
	}

	it('redacts a whole private key block, terminated or not', () => {
		const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAA==\n-----END OPENSSH PRIVATE KEY-----';
		assert.equal(redactSecrets(`before\n${key}\nafter`).text, 'before\n[REDACTED:private-key]\nafter');
		assert.equal(redactSecrets('x -----BEGIN RSA PRIVATE KEY-----\nMIIEow...').text, 'x [REDACTED:private-key]');
	});

	it('leaves ordinary developer text alone', () => {
		const text = 'max_tokens: 100; the token budget is 1500; risk-assessment-document-for-the-team; task-1234567890abcdefghij; see https://example.com/a:b@c? no; AKIA lowercase akiaiosfodnn7example; passwords are hashed';
		const r = redactSecrets(text);
		assert.equal(r.text, text);
		assert.equal(r.count, 0);
		assert.deepEqual(r.kinds, []);
	});

	it('is idempotent and counts kinds', () => {
		const once = redactSecrets('a sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv and password=x and ghp_0123456789abcdefghijABCDEFGHIJ012345');
		assert.equal(once.count, 3);
		assert.deepEqual([...once.kinds].sort(), ['anthropic-key', 'assignment', 'github-token']);
		const twice = redactSecrets(once.text);
		assert.equal(twice.text, once.text);
		assert.equal(twice.count, 0);
	});

	it('redacts a key already followed by an assignment without double marking', () => {
		assert.equal(redactSecrets('api_key=sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv').text, 'api_key=[REDACTED:anthropic-key]');
	});
});
