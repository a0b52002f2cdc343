import { act, ask, clinicToday, dayName, h, say, staffPage, table } from '/app/api.js';

// The admin's page: staff accounts, API clients (a new token shown once, with a copy button and, for a screen,
// its setup link), doctors and their limits, and a week grid of who is in.

const { session, api } = await staffPage(['admin']);
const message = document.getElementById('message');
const weekStart = document.getElementById('week-start');

let doctors = [];

const doctorName = (id) => (doctors.find((doctor) => doctor.id === id) || { name: '' }).name;
const when = (instant) => (instant ? new Date(instant).toLocaleString() : '—');

function button(label, onclick, kind) {
  return h('button', { type: 'button', class: kind, onclick }, label);
}

// ---- staff accounts

async function showUsers() {
  const users = await api('GET', '/api/v1/users');
  document.getElementById('users').replaceChildren(table(
    ['Username', 'Role', 'Doctor', 'State', ''],
    users.map((user) => [
      user.username,
      user.role,
      user.doctor_id ? doctorName(user.doctor_id) : '',
      user.disabled ? 'disabled' : 'active',
      h(
        'span',
        { class: 'actions' },
        button(user.disabled ? 'Enable' : 'Disable', (event) => act(event.currentTarget, message, async () => {
          await api('PATCH', `/api/v1/users/${user.id}`, { disabled: !user.disabled });
          await showUsers();
          return `${user.username} ${user.disabled ? 'enabled' : 'disabled and signed out'}.`;
        }), user.disabled ? 'quiet' : 'danger'),
        ' ',
        button('New password', (event) => newPassword(event.currentTarget, user), 'quiet'),
      ),
    ]),
  ));
}

async function newPassword(target, user) {
  const answer = await ask(`New password for ${user.username}`, 'Set password', [
    h('label', {}, 'Password (12 or more)', h('input', { name: 'password', type: 'password', minlength: 12, maxlength: 72, required: true, autocomplete: 'new-password' })),
  ]);
  if (!answer) return;
  await act(target, message, async () => {
    await api('PATCH', `/api/v1/users/${user.id}`, { password: answer.password });
    return `${user.username} has a new password and was signed out everywhere.`;
  });
}

document.getElementById('new-user').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  await act(form.querySelector('button[type=submit]'), message, async () => {
    const user = await api('POST', '/api/v1/users', {
      username: form.username.value.trim(),
      password: form.password.value,
      role: form.role.value,
      doctor_id: form.role.value === 'doctor' ? form.doctor_id.value || null : null,
    });
    form.reset();
    await showUsers();
    return `Account ${user.username} created.`;
  });
});

// ---- API clients

async function showClients() {
  const clients = await api('GET', '/api/v1/clients');
  document.getElementById('clients').replaceChildren(table(
    ['Name', 'Role', 'Token starts', 'Created', 'Last used', 'State', ''],
    clients.map((client) => [
      client.name,
      client.role,
      h('code', {}, client.token_prefix),
      when(client.created_at),
      when(client.last_used_at),
      client.revoked_at ? `revoked ${when(client.revoked_at)}` : 'active',
      client.revoked_at ? '' : button('Revoke', async (event) => {
        const target = event.currentTarget;
        if (!(await ask(`Revoke ${client.name}? It stops working at once, everywhere.`, 'Revoke'))) return;
        await act(target, message, async () => {
          await api('POST', `/api/v1/clients/${client.id}/revoke`);
          await showClients();
          return `${client.name} revoked.`;
        });
      }, 'danger'),
    ]),
  ));
}

document.getElementById('new-client').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  await act(form.querySelector('button[type=submit]'), message, async () => {
    const issued = await api('POST', '/api/v1/clients', { name: form.name.value.trim(), role: form.role.value });
    document.getElementById('issued-token').textContent = issued.token;
    const isDisplay = issued.role === 'display';
    document.getElementById('issued-display').hidden = !isDisplay;
    if (isDisplay) {
      const screenFilter = form.doctor_id.value ? `?doctor_id=${form.doctor_id.value}` : '';
      document.getElementById('issued-link').textContent = `${location.origin}/display${screenFilter}#token=${issued.token}`;
    }
    document.getElementById('issued').hidden = false;
    form.reset();
    await showClients();
    return `${issued.name} created: copy its token now, it is not shown again.`;
  });
});

async function copyText(element, what) {
  const text = element.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // without https the clipboard API is missing: copy the selected text the old way
    const range = document.createRange();
    range.selectNodeContents(element);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    document.execCommand('copy');
  }
  say(message, `${what} copied.`);
}

document.getElementById('copy-token').addEventListener('click', () => copyText(document.getElementById('issued-token'), 'Token'));
document.getElementById('copy-link').addEventListener('click', () => copyText(document.getElementById('issued-link'), 'Link'));

// ---- doctors

async function showDoctors() {
  doctors = await api('GET', '/api/v1/doctors?limit=500');
  for (const select of document.querySelectorAll('.doctor-choice')) {
    const none = h('option', { value: '' }, select.dataset.any || '—');
    select.replaceChildren(none, ...doctors.map((doctor) => h('option', { value: doctor.id }, doctor.name)));
  }
  document.getElementById('doctors').replaceChildren(table(
    ['Name', 'Code', 'Specialty', 'Bookings a day', ''],
    doctors.map((doctor) => {
      const limit = h('input', {
        type: 'number',
        min: 1,
        max: 500,
        value: doctor.max_appointments_per_day ?? '',
        placeholder: 'default',
        'aria-label': `Bookings a day for ${doctor.name}`,
      });
      return [
        doctor.name,
        doctor.code,
        doctor.specialty || '',
        limit,
        button('Save limit', (event) => act(event.currentTarget, message, async () => {
          const changed = await api('PATCH', `/api/v1/doctors/${doctor.id}`, {
            max_appointments_per_day: limit.value === '' ? null : Number(limit.value),
          });
          return `${changed.name} takes ${changed.max_appointments_per_day ?? 'the clinic default number of'} bookings a day.`;
        }), 'quiet'),
      ];
    }),
  ));
}

document.getElementById('new-doctor').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  await act(form.querySelector('button[type=submit]'), message, async () => {
    const doctor = await api('POST', '/api/v1/doctors', {
      name: form.name.value.trim(),
      code: form.code.value.trim(),
      specialty: form.specialty.value.trim() || null,
      max_appointments_per_day: form.max_appointments_per_day.value === '' ? null : Number(form.max_appointments_per_day.value),
    });
    form.reset();
    await showDoctors();
    await showWeek();
    return `${doctor.name} added.`;
  });
});

// ---- the week grid

function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function showWeek() {
  const days = Array.from({ length: 7 }, (_, index) => addDays(weekStart.value, index));
  const rows = await Promise.all(doctors.map(async (doctor) => {
    // the days as booking sees them: a date's record, else the roster, else present
    const week = await api('GET', `/api/v1/doctors/${doctor.id}/days?from=${days[0]}&to=${days[6]}`);
    const absent = new Set(week.filter((day) => !day.is_present).map((day) => day.date));
    return [doctor.name, ...days.map((day) => h('input', {
      type: 'checkbox',
      checked: !absent.has(day),
      'aria-label': `${doctor.name} in on ${dayName(day)}`,
      onchange: (event) => {
        const box = event.currentTarget;
        act(box, message, async () => {
          try {
            await api('POST', `/api/v1/doctors/${doctor.id}/availability`, { date: day, is_present: box.checked });
          } catch (error) {
            box.checked = !box.checked;
            throw error;
          }
          return `${doctor.name} ${box.checked ? 'is in' : 'is away'} on ${dayName(day)}.`;
        });
      },
    }))];
  }));
  document.getElementById('week').replaceChildren(table(
    ['Doctor', ...days.map((day) => new Date(`${day}T00:00:00`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' }))],
    rows,
  ));
}

weekStart.addEventListener('change', () => {
  if (weekStart.value) showWeek().catch((error) => say(message, error.text || String(error), 'error'));
});

try {
  weekStart.value = await clinicToday(session.token);
  await showDoctors();
  await Promise.all([showUsers(), showClients(), showWeek()]);
} catch (error) {
  say(message, error.text || String(error), 'error');
}
