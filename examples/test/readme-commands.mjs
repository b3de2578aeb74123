// Reads the shell commands out of a README, and says how to check each one. Pure functions,
// used by readme-commands.test.mjs.

/** Fence languages whose lines are shell commands ("" = a fence without a language). */
const SHELL_FENCES = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh']);
/** First words of the commands we check; other lines (cd, curl, git …) are not ours to run. */
const CHECKED = /^(npx|pnpm|npm|node|sociale-kaart-[a-z-]+)$/;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const PNPM_BUILTINS = new Set(['install', 'i', 'add', 'remove', 'update', 'approve-builds', 'dlx', 'store', 'why', 'list', 'ls', 'outdated']);

/**
 * Splits one shell line into words and operators: quotes and `<placeholder with spaces>` stay
 * one word, `# comment` ends the line.
 */
export function shellWords(line) {
  const words = [];
  let word = '';
  let quote = null;
  let angle = false;
  const flush = () => {
    if (word !== '') words.push(word);
    word = '';
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (angle) {
      word += ch;
      if (ch === '>') angle = false;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '<') {
      angle = true;
      word += ch;
    } else if (ch === '#' && word === '') {
      break;
    } else if (/\s/.test(ch)) {
      flush();
    } else if (ch === ';' || ch === '|' || ch === '&') {
      flush();
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        words.push(two);
        i++;
      } else {
        words.push(ch);
      }
    } else {
      word += ch;
    }
  }
  flush();
  return words;
}

/** The simple commands we check in a README's shell blocks, each as its words joined by spaces. */
export function commandsIn(markdown) {
  const commands = [];
  let fence = null;
  let pending = '';
  for (const raw of markdown.split('\n')) {
    const open = /^\s*```\s*([A-Za-z0-9_-]*)/.exec(raw);
    if (open) {
      fence = fence === null ? open[1].toLowerCase() : null;
      pending = '';
      continue;
    }
    if (fence === null || !SHELL_FENCES.has(fence)) continue;
    const line = raw.replace(/^\s*\$\s+/, '');
    // A trailing backslash continues the command on the next line.
    if (/\\\s*$/.test(line)) {
      pending += `${line.replace(/\\\s*$/, '')} `;
      continue;
    }
    const words = shellWords(pending + line);
    pending = '';
    let current = [];
    for (const w of [...words, '&&']) {
      if (['&&', '||', ';', '|', '&'].includes(w)) {
        const start = current.findIndex((x) => !ENV_ASSIGNMENT.test(x));
        const cmd = start === -1 ? [] : current.slice(start);
        if (cmd.length && CHECKED.test(cmd[0])) commands.push(cmd.join(' '));
        current = [];
      } else {
        current.push(w);
      }
    }
  }
  return commands;
}

/**
 * How to check one command:
 * - `bin`: a CLI that must be linked at the root and answer --help (`npx NAME`, `sociale-kaart-*`, `pnpm exec NAME`);
 * - `node`: a script file that must answer --help;
 * - `script`: an npm/pnpm script that must exist (in the root, or in the `--filter` package);
 * - `builtin`: a pnpm or npm command of its own (install …), nothing of ours to check;
 * - `unknown`: a command this checker has no rule for.
 * @returns {{ kind: 'bin' | 'node', name: string } | { kind: 'script', script: string, filter?: string } | { kind: 'builtin' | 'unknown' }}
 */
export function planFor(command) {
  const [head, ...rest] = command.split(' ');
  if (head.startsWith('sociale-kaart-')) return { kind: 'bin', name: head };
  if (head === 'node') return rest[0] && !rest[0].startsWith('-') ? { kind: 'node', name: rest[0] } : { kind: 'unknown' };
  if (head === 'npx') {
    const name = rest.find((w) => !w.startsWith('-'));
    return name ? { kind: 'bin', name } : { kind: 'unknown' };
  }
  if (head === 'npm') {
    if (rest[0] === 'start' || rest[0] === 'test') return { kind: 'script', script: rest[0] };
    if (rest[0] === 'run' && rest[1]) return { kind: 'script', script: rest[1] };
    if (rest[0] === 'install' || rest[0] === 'ci' || rest[0] === 'i') return { kind: 'builtin' };
    return { kind: 'unknown' };
  }
  if (head === 'pnpm') {
    let filter;
    let recursive = false;
    const words = [];
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--filter' || rest[i] === '-F') filter = rest[++i];
      else if (rest[i] === '-r' || rest[i] === '--recursive') recursive = true;
      else words.push(rest[i]);
    }
    const [sub, next] = words;
    if (!sub) return { kind: 'unknown' };
    if (sub === 'exec') return next ? { kind: 'bin', name: next } : { kind: 'unknown' };
    if (PNPM_BUILTINS.has(sub)) return { kind: 'builtin' };
    const script = sub === 'run' ? next : sub;
    if (!script) return { kind: 'unknown' };
    // `pnpm -r build` runs it wherever it exists: nothing one package must have.
    if (recursive && !filter) return { kind: 'builtin' };
    return filter ? { kind: 'script', script, filter } : { kind: 'script', script };
  }
  return { kind: 'unknown' };
}
