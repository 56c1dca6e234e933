// A job's schedule in words, for the common shapes ('0 3 * * 1-5' → 'Monday to Friday at 03:00'); null for the
// rest, which the page shows as the cron text alone.

const PRESETS = { '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@weekly': '0 0 * * 0', '@monthly': '0 0 1 * *' };
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NUMBER = /^\d{1,2}$/;

function ordinal(n) {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th'}`;
}

function days(field) {
  if (NUMBER.test(field) && Number(field) <= 7) return `every ${DAYS[Number(field)]}`;
  const range = /^(\d)-(\d)$/.exec(field);
  if (range && Number(range[1]) < Number(range[2]) && Number(range[2]) <= 7) {
    return `${DAYS[Number(range[1])]} to ${DAYS[Number(range[2])]}`;
  }
  if (/^\d(,\d)+$/.test(field) && field.split(',').every((d) => Number(d) <= 7)) {
    const names = field.split(',').map((d) => DAYS[Number(d)]);
    return `every ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return null;
}

export function scheduleWords(schedule) {
  const text = String(schedule || '').trim();
  const expr = PRESETS[text.toLowerCase()] || text;
  const parts = expr.split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dom, month, dow] = parts;
  if (!NUMBER.test(minute) || Number(minute) > 59 || month !== '*') return null;
  const mm = minute.padStart(2, '0');
  if (hour === '*' && dom === '*' && dow === '*') return `every hour at :${mm}`;
  const every = /^\*\/(\d{1,2})$/.exec(hour);
  if (every && dom === '*' && dow === '*') return `every ${every[1]} hours at :${mm}`;
  if (!NUMBER.test(hour) || Number(hour) > 23) return null;
  const at = `at ${hour.padStart(2, '0')}:${mm}`;
  if (dom === '*' && dow === '*') return `every day ${at}`;
  if (dom === '*') {
    const d = days(dow);
    return d ? `${d} ${at}` : null;
  }
  if (dow === '*' && NUMBER.test(dom) && Number(dom) >= 1 && Number(dom) <= 31) {
    return `on the ${ordinal(Number(dom))} of every month ${at}`;
  }
  return null;
}
