import { act, ask, clinicToday, dayName, follow, h, idempotencyKey, say, showState, staffPage, table }
  from '/app/api.js';

// The reception desk: find or register a patient, book, and the day per doctor, live from the staff stream, with
// check-in, cancel and reschedule on each appointment.

const { session, api } = await staffPage(['admin', 'reception']);
const message = document.getElementById('message');
const dayInput = document.getElementById('day');
const doctorsElement = document.getElementById('doctors');
const streamState = document.getElementById('stream-state');
const bookForm = document.getElementById('book');
const places = document.getElementById('places');

const STATUS_WORDS = {
  booked: 'Booked',
  checked_in: 'Checked in',
  completed: 'Seen',
  cancelled: 'Cancelled',
  no_show: 'Not here',
};
const QUEUE_WORDS = { waiting: 'waiting', called: 'with the doctor', served: 'seen', skipped: 'not here' };

let today = null;
let doctors = [];
let chosenPatient = null;
let bookingKey = null;
let stream = null;
let lastDay = null;

const fail = (error) => say(message, error.text || String(error), 'error');
const patientName = (patient) => [patient.first_name, patient.last_name].filter(Boolean).join(' ');
const doctorName = (id) => (doctors.find((doctor) => doctor.id === id) || { name: 'the doctor' }).name;

// ---- the day, live

function followDay() {
  if (stream) stream.close();
  stream = follow('/api/v1/queue/events', { date: dayInput.value }, session.token, {
    onData: (day) => {
      lastDay = day;
      renderDay();
    },
    onState: (state) => showState(streamState, state),
    onRefused: () => location.replace('/login?reason=expired'),
  });
}

function renderDay() {
  const focusedKey = document.activeElement && document.activeElement.dataset.key;
  if (!lastDay || lastDay.doctors.length === 0) {
    doctorsElement.replaceChildren(h('p', { class: 'hint' }, `No appointments on ${dayName(dayInput.value)}.`));
    return;
  }
  doctorsElement.replaceChildren(...lastDay.doctors.map(renderDoctor));
  if (focusedKey) {
    const again = doctorsElement.querySelector(`[data-key="${focusedKey}"]`);
    if (again) again.focus();
  }
}

function renderDoctor(entry) {
  const { doctor, appointments } = entry;
  return h(
    'article',
    { 'aria-label': doctor.name },
    h('h3', {}, `${doctor.name}${doctor.specialty ? ` · ${doctor.specialty}` : ''}`),
    h('p', { class: 'hint' }, `${entry.total_appointments} booked, ${entry.checked_in_count} checked in`),
    table(
      ['Token', 'Patient', 'Phone', 'Status', 'Queue', 'Actions'],
      appointments.map((appointment) => appointmentCells(doctor, appointment)),
    ),
  );
}

function appointmentCells(doctor, appointment) {
  const patient = appointment.patient;
  const name = patient ? patient.name : '—';
  const queue = appointment.queue;
  const actions = [];
  if (appointment.status === 'booked') {
    if (dayInput.value === today) {
      actions.push(button('Check in', `${appointment.appointment_id}:check-in`, (event) =>
        act(event.currentTarget, message, async () => {
          const checkIn = await api('POST', '/api/v1/checkins', {
            appointment_id: appointment.appointment_id,
            patient_id: patient.id,
          });
          return `${name} (token ${appointment.slot}) checked in: number ${checkIn.queue_position} in ${doctor.name}'s queue.`;
        })));
    }
    actions.push(button('Reschedule', `${appointment.appointment_id}:reschedule`, (event) =>
      reschedule(event.currentTarget, doctor, appointment, name), 'quiet'));
    actions.push(button('Cancel', `${appointment.appointment_id}:cancel`, (event) =>
      cancel(event.currentTarget, doctor, appointment, name), 'danger'));
  }
  return [
    h('span', { class: 'token' }, String(appointment.slot)),
    name,
    patient ? patient.phone : '',
    STATUS_WORDS[appointment.status] || appointment.status,
    queue ? `#${queue.position}, ${QUEUE_WORDS[queue.status] || queue.status}` : '',
    h('span', { class: 'actions' }, ...actions),
  ];
}

function button(label, key, onclick, kind) {
  return h('button', { type: 'button', class: kind, 'data-key': key, onclick }, label);
}

async function cancel(target, doctor, appointment, name) {
  const sure = await ask(
    `Cancel token ${appointment.slot} of ${name} with ${doctor.name} on ${dayName(dayInput.value)}? The place returns to the day.`,
    'Cancel the appointment',
  );
  if (!sure) return;
  await act(target, message, async () => {
    await api('POST', `/api/v1/appointments/${appointment.appointment_id}/cancel`);
    return `Cancelled token ${appointment.slot} of ${name} with ${doctor.name}.`;
  });
}

async function reschedule(target, doctor, appointment, name) {
  const change = await ask(`Move ${name}'s token ${appointment.slot} to`, 'Move the appointment', [
    h('label', {}, 'Doctor', doctorSelect('doctor_id', doctor.id)),
    h('label', {}, 'New day', h('input', { name: 'date', type: 'date', required: true, min: today, value: dayInput.value })),
  ]);
  if (!change) return;
  await act(target, message, async () => {
    const moved = await api('POST', `/api/v1/appointments/${appointment.appointment_id}/reschedule`, change);
    return `${name} moved to token ${moved.slot} with ${doctorName(moved.doctor_id)} on ${dayName(moved.date)}.`;
  });
}

function doctorSelect(name, selected) {
  return h('select', { name, required: true }, ...doctors.map((doctor) =>
    h('option', { value: doctor.id, selected: doctor.id === selected }, doctor.name)));
}

// ---- patients

document.getElementById('find').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  await act(form.querySelector('button'), message, async () => {
    const found = await api('GET', `/api/v1/patients?phone=${encodeURIComponent(form.phone.value)}`);
    const list = document.getElementById('found');
    list.replaceChildren(...found.map((patient) => h('li', {}, h(
      'button',
      { type: 'button', class: 'quiet', onclick: () => choose(patient) },
      `${patientName(patient)}${patient.age != null ? `, ${patient.age}` : ''}`,
    ))));
    if (found.length === 0) {
      const registerBox = document.getElementById('register-box');
      registerBox.open = true;
      document.getElementById('register').phone.value = form.phone.value;
      return 'Nobody is registered on this phone: register the patient below.';
    }
    if (found.length === 1) choose(found[0]);
    return found.length === 1 ? `Found ${patientName(found[0])}.` : `${found.length} patients share this phone: choose one.`;
  });
});

document.getElementById('register').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  await act(form.querySelector('button'), message, async () => {
    const patient = await api('POST', '/api/v1/patients', {
      first_name: form.first_name.value.trim(),
      last_name: form.last_name.value.trim() || null,
      age: form.age.value === '' ? null : Number(form.age.value),
      phone: form.phone.value,
      email: form.email.value.trim() || null,
    });
    form.reset();
    document.getElementById('register-box').open = false;
    choose(patient);
    return `Registered ${patientName(patient)}.`;
  });
});

function choose(patient) {
  chosenPatient = patient;
  bookingKey = idempotencyKey();
  document.getElementById('selected').textContent = `Booking for ${patientName(patient)}, ${patient.phone}`;
  bookForm.querySelector('button').disabled = false;
}

// ---- booking

async function showPlaces() {
  bookingKey = idempotencyKey();
  const doctorId = bookForm.doctor_id.value;
  const date = bookForm.date.value;
  if (!doctorId || !date) return;
  try {
    const capacity = await api('GET', `/api/v1/doctors/${doctorId}/capacity?date=${date}`);
    const walkInsLeft = Math.max(capacity.walk_in_places - capacity.walk_ins, 0);
    places.textContent = capacity.is_present
      ? `${capacity.remaining} of ${capacity.capacity} places left on ${dayName(date)}`
        + (walkInsLeft > 0 ? `, and ${walkInsLeft} kept for walk-ins (booked here on the day).` : '.')
      : `${doctorName(doctorId)} is not in on ${dayName(date)}.`;
  } catch (error) {
    places.textContent = error.text;
  }
}

bookForm.doctor_id.addEventListener('change', showPlaces);
bookForm.date.addEventListener('change', showPlaces);
bookForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!chosenPatient) return;
  await act(bookForm.querySelector('button'), message, async () => {
    const booked = await api('POST', '/api/v1/appointments', {
      patient_id: chosenPatient.id,
      doctor_id: bookForm.doctor_id.value,
      date: bookForm.date.value,
      idempotency_key: bookingKey,
    });
    await showPlaces();
    return `Booked ${patientName(chosenPatient)}: token ${booked.slot} with ${doctorName(booked.doctor_id)} on ${dayName(booked.date)}.`;
  });
});

// ---- start

dayInput.addEventListener('change', () => {
  if (dayInput.value) followDay();
});

try {
  [today, doctors] = await Promise.all([
    clinicToday(session.token),
    api('GET', '/api/v1/doctors?limit=500'),
  ]);
  dayInput.value = today;
  bookForm.date.value = today;
  bookForm.date.min = today;
  bookForm.doctor_id.replaceChildren(...doctors.map((doctor) => h('option', { value: doctor.id }, doctor.name)));
  followDay();
  showPlaces();
} catch (error) {
  fail(error);
}
