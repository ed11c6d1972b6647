/**
 * One throw-away private CA for every TLS test peer (the simulator's TLS front, the update server, the test
 * rsyslog): a CA and, signed by it, a server certificate for 127.0.0.1 and localhost, made by the openssl CLI in
 * the given folder. Tests use it to check certificate verification and the "extra CA" option end to end.
 */

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files {@link makeTestCertificates} wrote. */
export interface TestCertificates {
  /** PEM of the CA that signed {@link TestCertificates.cert}. */
  ca: string;
  cert: string;
  key: string;
}

function openssl(dir: string, args: string[]): void {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

/**
 * Writes `<name>-ca.pem`, `<name>.pem` and `<name>.key` into `dir`. `key` picks the algorithm: EC P-256 (fast) by
 * default, RSA 2048 where a peer wants it.
 */
export function makeTestCertificates(
  dir: string,
  name = 'server',
  key: 'ec' | 'rsa' = 'ec',
): TestCertificates {
  const files = {
    ca: join(dir, `${name}-ca.pem`),
    caKey: join(dir, `${name}-ca.key`),
    key: join(dir, `${name}.key`),
    cert: join(dir, `${name}.pem`),
    csr: join(dir, `${name}.csr`),
    ext: join(dir, `${name}.ext`),
  };
  const newKey =
    key === 'ec'
      ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      : ['-newkey', 'rsa:2048', '-nodes'];
  openssl(dir, [
    'req', '-x509', ...newKey, '-keyout', files.caKey, '-out', files.ca, '-days', '2',
    '-subj', `/CN=${name} test CA`, '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]); // prettier-ignore
  openssl(dir, ['req', ...newKey, '-keyout', files.key, '-out', files.csr, '-subj', '/CN=localhost']);
  writeFileSync(
    files.ext,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  openssl(dir, [
    'x509', '-req', '-in', files.csr, '-CA', files.ca, '-CAkey', files.caKey, '-CAcreateserial',
    '-out', files.cert, '-days', '2', '-extfile', files.ext,
  ]); // prettier-ignore
  return { ca: files.ca, cert: files.cert, key: files.key };
}
