// How a HIS embeds Sociale Kaart. The patient's postcode and the reason for the visit
// go to the finder as attributes (see index.html): they are not personal data on their
// own. The patient's name and contact details go to the referral button as properties,
// and only ever leave the practice inside a referral the GP sends, with consent.
const finder = document.getElementById('finder');
const plan = document.getElementById('soep-p');
const handoutArea = document.getElementById('handout-area');
const handoutSlot = document.getElementById('handout-slot');
const statusSlot = document.getElementById('status-slot');
const api = finder.getAttribute('api');

// Patient context from the HIS record (fictional), prefilled in the referral dialog.
finder.patient = { name: 'J. de Vries', contactPreference: 'phone', phone: '06 1234 5678' };
finder.referrer = { name: 'dr. A. Huisarts', practice: 'Praktijk De Linde' };

// The search API takes referrals only with a referrer token signed by a HIS backend it trusts.
// The page asks its own backend (here: the demo's) for a fresh one whenever the widget needs
// one, also when the API answered 401 to the last: tokens live five minutes, a consult longer.
finder.getReferrerToken = async () => {
  const response = await fetch('/his/referrer-token', { method: 'POST', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HIS backend gave no referrer token (HTTP ${response.status})`);
  return (await response.json()).token;
};

const channel = () => document.querySelector('input[name="channel"]:checked')?.value ?? 'relay';

function writeJournalLine(summary) {
  const line = `${new Date().toLocaleDateString('nl-NL')} ${summary}`;
  plan.value = plan.value ? `${plan.value}\n${line}` : line;
  plan.classList.add('journal-line');
}

function showHandout(detail) {
  handoutSlot.replaceChildren();
  const handout = document.createElement('sk-welzijnsrecept');
  handout.setAttribute('api', api);
  handout.setAttribute('activity-id', detail.target.activityId);
  handout.reasons = detail.referral?.reasons ?? [];
  handout.referrer = finder.referrer;
  handoutSlot.append(handout);
  handoutArea.hidden = false;
}

// 1. Every referral passes here first. A HIS with its own secure channel (Edifact, ZorgDomein, …)
//    cancels the event: nothing leaves the browser through Sociale Kaart.
document.addEventListener('sk-referral', (event) => {
  if (channel() !== 'his') return;
  event.preventDefault();
  // Here a real HIS hands event.detail.referral to its own channel.
  writeJournalLine(`${event.detail.summary} (verstuurd via HIS-kanaal)`);
  showHandout(event.detail);
});

// 2. The relay path: Sociale Kaart delivered the referral to the provider's intake.
document.addEventListener('sk-referral-sent', (event) => {
  writeJournalLine(event.detail.summary);
  showHandout(event.detail);
  const status = document.createElement('sk-referral-status');
  status.setAttribute('api', api);
  status.setAttribute('referral-id', event.detail.referralId);
  status.setAttribute('token', event.detail.token);
  status.setAttribute('interval', '3');
  statusSlot.replaceChildren(status);
});

// 3. No electronic intake, or it could not be reached: the widget shows phone and e-mail; the GP
//    refers by phone and gives the patient the handout.
document.addEventListener('sk-referral-failed', (event) => {
  const target = event.detail.problem?.target;
  if (target?.activityId) showHandout({ target, referral: null });
});

document.getElementById('print-handout').addEventListener('click', () => window.print());
