import { clinicToday, displayToken, follow, forgetDisplayToken, h, showState, staffSession } from '/app/api.js';

// The waiting-room screen: per doctor the token being seen and the next few, live from the display stream, which
// carries tokens and counts only. Set up once with a display token; it then runs without anyone at it, through
// the service restarting (the stream reconnects and resyncs) and past midnight (it follows the clinic's new day).
// A signed-in member of staff can open it too, on a second monitor, with their own sign-in.

const board = document.getElementById('board');
const streamState = document.getElementById('stream-state');
const doctorId = new URLSearchParams(location.search).get('doctor_id');
const signedIn = staffSession();
const token = displayToken() || (signedIn && signedIn.token);
const DAY_CHECK = 5 * 60 * 1000;

let stream = null;
let shownDate = null;

function tick() {
  document.getElementById('clock').textContent = new Date().toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function notice(text) {
  board.replaceChildren(h('p', { class: 'notice' }, text));
}

function render(day) {
  shownDate = day.date;
  if (day.doctors.length === 0) {
    notice('No appointments today.');
    return;
  }
  board.replaceChildren(...day.doctors.map((doctor) => h(
    'article',
    { 'aria-label': doctor.doctor_name },
    h('h2', {}, doctor.doctor_name),
    h('div', { class: 'serving-label' }, 'Now seeing'),
    h('div', { class: 'serving', 'data-doctor': doctor.doctor_id }, doctor.now_serving == null ? '—' : String(doctor.now_serving)),
    h('div', { class: 'next' }, doctor.next_tokens.length ? `Next: ${doctor.next_tokens.join(' · ')}` : 'Nobody waiting'),
    h('div', { class: 'counts' }, `${doctor.waiting} waiting · ${doctor.served} seen`),
  )));
}

function start() {
  if (stream) stream.close();
  stream = follow('/api/v1/display/events', doctorId ? { doctor_id: doctorId } : {}, token, {
    onData: render,
    onState: (state) => showState(streamState, state),
    onRefused: () => {
      stream.close();
      forgetDisplayToken();
      notice('This screen\'s token no longer works. An admin opens a new display link on this screen.');
    },
  });
}

tick();
setInterval(tick, 10 * 1000);
if (!token) {
  notice('This screen is not set up. An admin creates a display client on the admin page and opens its link here.');
  showState(streamState, 'offline');
} else {
  start();
  // a screen left on overnight moves to the clinic's new day
  setInterval(async () => {
    const today = await clinicToday(token).catch(() => shownDate);
    if (shownDate && today !== shownDate) start();
  }, DAY_CHECK);
}
