/**
 * `npm run admin:create -- --email ADDRESS --name "FULL NAME" [--lang vi|en]`
 *
 * Creates the first national administrator (or another one, by an operator with access to the server). The password
 * is read from standard input: typed at a prompt that does not echo it (twice), or piped in (one line) for automation.
 * It is never taken from the command line, where shell history and process lists would keep it. At the first sign-in
 * the console asks the administrator to set up a second factor (an authenticator app) before anything else.
 *
 * On the embedded database, stop the server first: only one process may open DATA_DIR (the lock file says so).
 * Exit codes: 0 created; 1 not created (address in use, database unavailable); 2 wrong command line or password.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { describeError } from '#src/lib/describe-error.ts';
import { AppError } from '#src/lib/errors.ts';

const USAGE = `Usage: npm run admin:create -- --email ADDRESS --name "FULL NAME" [--lang vi|en]
  The password is read from standard input (a prompt, or one piped line), at least 12 characters.
Cách dùng: npm run admin:create -- --email ĐỊA-CHỈ --name "HỌ TÊN" [--lang vi|en]
  Mật khẩu được đọc từ đầu vào chuẩn (gõ khi được hỏi, hoặc một dòng qua ống dẫn), ít nhất 12 ký tự.`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Reads the password: a silent prompt (asked twice) on a terminal, else the first line of standard input. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line.replace(/\r$/, '');
    return '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const output = rl as unknown as { _writeToOutput: (text: string) => void };
      let prompted = false;
      output._writeToOutput = (text: string) => {
        // Shows the question once, then nothing of what is typed.
        if (!prompted) process.stdout.write(text);
        prompted = true;
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password / Mật khẩu: ');
  const second = await ask('Again / Nhập lại: ');
  if (first !== second) fail('The two passwords differ. / Hai mật khẩu không giống nhau.', 2);
  return first;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${describeError(error)}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { normalizeEmail } = await import('#src/features/console/forms.server.ts');
  const { newPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } =
    await import('#src/features/console/auth/passwords.server.ts');
  const { useTranslations } = await import('#src/i18n/index.ts');
  const email = normalizeEmail(values.email ?? '');
  const name = (values.name ?? '').trim();
  const lang = values.lang ?? 'vi';
  if (email === null) fail(`--email: give a valid e-mail address.\n\n${USAGE}`, 2);
  if (name === '' || name.length > 120) fail(`--name: give the person's name (1–120 characters).\n\n${USAGE}`, 2);
  if (lang !== 'vi' && lang !== 'en') fail(`--lang: vi or en.\n\n${USAGE}`, 2);
  const password = await readPassword();
  const problem = newPasswordProblem(password);
  if (problem === 'common')
    fail(
      `${useTranslations('en')('console.invitation.password.common')}. / ${useTranslations('vi')('console.invitation.password.common')}.`,
      2,
    );
  if (problem === 'length')
    fail(
      `The password must have ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters. / Mật khẩu phải có ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} ký tự.`,
      2,
    );

  const { loadEnv } = await import('#src/env.server.ts');
  const { getDatabase } = await import('#src/db/client.server.ts');
  const { migrateDatabase } = await import('#src/db/migrate.server.ts');
  const { createStaffAccount, accountExists } = await import('#src/features/console/staff/account-creation.server.ts');
  const { recordAudit } = await import('#src/features/console/audit/record.server.ts');
  const { setLogLevel } = await import('#src/lib/log.ts');
  const env = loadEnv();
  setLogLevel('warn');
  const database = await getDatabase(env);
  try {
    await migrateDatabase(database);
    const now = new Date();
    const created = await database.db.transaction(async (tx) => {
      if (await accountExists(tx, email)) return undefined;
      const userId = await createStaffAccount(
        tx,
        { email, name, password, role: 'national-admin', provinceCode: null, pointIds: [], lang },
        now,
      );
      await recordAudit(tx, {
        action: 'staff.joined',
        actorUserId: null,
        at: now,
        targetUserId: userId,
        detail: 'national-admin',
      });
      return userId;
    });
    if (created === undefined) fail(`An account with ${email} exists already. / Đã có tài khoản ${email}.`, 1);
    const signIn = `${env.siteUrl ?? `http://localhost:${env.port}`}/quan-ly/dang-nhap`;
    process.stdout.write(
      `Created the national administrator ${email}.\nSign in at ${signIn}; the console will ask for a second factor (an authenticator app) first.\n` +
        `Đã tạo quản trị viên toàn quốc ${email}. Đăng nhập tại ${signIn}; trang quản lý sẽ yêu cầu thiết lập xác minh hai bước trước.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) fail(`error: ${error.message}`, 1);
    throw error;
  },
);
