import { act, clinicToday, follow, h, showState, staffPage, table } from '/app/api.js';

// The doctor's room: today's queue of one doctor, live; call the next patient, then served or not here; a patient
// who was not here goes back to the end of the queue. A doctor's account is its own room; the desk picks a doctor.

const { session, api } = await staffPage(['doctor', 'admin', 'reception']);
const message = document.getElementById('message');
const callNextButton = document.getElementById('call-next');
const streamState = document.getElementById('stream-state');

let today = null;
let doctorId = session.doctorId;
let appointments = [];
let stream = null;
let busy = false;

const inQueue = (status) => appointments.filter((appointment) => appointment.queue && appointment.queue.status === status)
  .sort((a, b) => a.queue.position - b.queue.position);
const nameOf = (appointment) => (appointment.patient ? appointment.patient.name : `Token ${appointment.slot}`);

function render() {
  const called = inQueue('called');
  const waiting = inQueue('waiting');
  const skipped = inQueue('skipped');
  document.getElementById('now').replaceChildren(...(called.length === 0
    ? [h('p', { class: 'hint' }, waiting.length ? 'Nobody is with the doctor. Call the next patient.' : 'Nobody is waiting.')]
    : called.map((appointment) => h(
      'div',
      { class: 'called' },
      h('p', { class: 'now' }, h('span', { class: 'token' }, `Token ${appointment.slot}`), ` · ${nameOf(appointment)}`),
      h(
        'div',
        { class: 'room-actions' },
        move('Served', 'serve', appointment, `${nameOf(appointment)} seen.`),
        move('Not here', 'skip', appointment, `${nameOf(appointment)} was not here; kept aside.`, 'danger'),
      ),
    ))));
  document.getElementById('waiting').replaceChildren(waiting.length === 0
    ? h('p', { class: 'hint' }, 'Nobody is waiting.')
    : table(['Queue', 'Token', 'Patient', 'Age'], waiting.map((appointment) => [
      `#${appointment.queue.position}`,
      h('span', { class: 'token' }, String(appointment.slot)),
      nameOf(appointment),
      appointment.patient && appointment.patient.age != null ? String(appointment.patient.age) : '',
    ])));
  document.getElementById('skipped').replaceChildren(skipped.length === 0
    ? h('p', { class: 'hint' }, 'Nobody.')
    : table(['Token', 'Patient', ''], skipped.map((appointment) => [
      h('span', { class: 'token' }, String(appointment.slot)),
      nameOf(appointment),
      move('Back in queue', 'requeue', appointment, `${nameOf(appointment)} is back in the queue.`, 'quiet'),
    ])));
  const booked = appointments.filter((appointment) => appointment.status === 'booked').length;
  document.getElementById('counts').textContent =
    `${inQueue('served').length} seen, ${waiting.length} waiting, ${booked} booked and not checked in yet.`;
  // one patient at a time: a second click, or a click while someone is with the doctor, calls nobody
  callNextButton.disabled = busy || called.length > 0 || waiting.length === 0;
}

function move(label, action, appointment, done, kind) {
  return h('button', {
    type: 'button',
    class: kind,
    onclick: (event) => act(event.currentTarget, message, async () => {
      await api('POST', `/api/v1/queue-entries/${appointment.queue.entry_id}/${action}`);
      return done;
    }),
  }, label);
}

callNextButton.addEventListener('click', () => {
  busy = true;
  act(callNextButton, message, async () => {
    const called = await api('POST', `/api/v1/doctors/${doctorId}/queue/call-next?date=${today}`);
    const appointment = appointments.find((candidate) => candidate.appointment_id === called.appointment_id);
    return `Called token ${called.slot}${appointment && appointment.patient ? ` · ${appointment.patient.name}` : ''}.`;
  }, () => {
    busy = false;
    render();
  });
});

function followRoom() {
  if (stream) stream.close();
  appointments = [];
  render();
  stream = follow('/api/v1/queue/events', { date: today, doctor_id: doctorId }, session.token, {
    onData: (day) => {
      const mine = day.doctors.find((entry) => entry.doctor.id === doctorId);
      appointments = mine ? mine.appointments : [];
      if (mine) document.getElementById('room-title').textContent = `${mine.doctor.name}'s room`;
      render();
    },
    onState: (state) => showState(streamState, state),
    onRefused: () => location.replace('/login?reason=expired'),
  });
}

try {
  today = await clinicToday(session.token);
  if (!doctorId) {
    const doctors = await api('GET', '/api/v1/doctors?limit=500');
    const select = document.getElementById('doctor');
    const asked = new URLSearchParams(location.search).get('doctor_id');
    select.replaceChildren(...doctors.map((doctor) => h('option', { value: doctor.id, selected: doctor.id === asked }, doctor.name)));
    document.getElementById('doctor-form').hidden = false;
    doctorId = select.value;
    select.addEventListener('change', () => {
      doctorId = select.value;
      history.replaceState(null, '', `?doctor_id=${doctorId}`);
      followRoom();
    });
  }
  if (doctorId) followRoom();
} catch (error) {
  message.dataset.kind = 'error';
  message.textContent = error.text || String(error);
}
