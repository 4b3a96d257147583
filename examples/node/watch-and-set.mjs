// A client of the IFW gateway in plain Node.js: no IFW code, no npm packages — only the WebSocket
// built into Node (Node 22+, or Node 20 with --experimental-websocket).
//
//   node watch-and-set.mjs [--url ws://127.0.0.1:8181/ifw/ws] [--token SECRET]
//                          [--feature io.ifw.vehicle.ClimateControl] [--zone Rear]
//                          [--property targetTemperature] [--value 23.5] [--changes 1]
//
// It subscribes to the feature, prints the property's value in the zone, writes the new value,
// prints the acknowledgement (or the error and its constraint), then prints the changes it sees
// until it has seen --changes of them (counting the one its write made), and exits 0 (1 on an error, 2 on a timeout).
const options = {
  url: 'ws://127.0.0.1:8181/ifw/ws', token: '', feature: 'io.ifw.vehicle.ClimateControl', zone: 'Rear',
  property: 'targetTemperature', value: '23.5', changes: '1', timeout: '20000'
};
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in options) || i + 1 >= process.argv.length) {
    console.error('unknown or incomplete option ' + process.argv[i] + ' (options: ' + Object.keys(options).map((o) => '--' + o).join(' ') + ')');
    process.exit(1);
  }
  options[name] = process.argv[i + 1];
}
if (typeof WebSocket === 'undefined') {
  console.error('this Node has no WebSocket: use Node 22+, or Node 20 with --experimental-websocket');
  process.exit(1);
}

const url = options.url + (options.token ? '?token=' + encodeURIComponent(options.token) : '');
const socket = new WebSocket(url);
const wanted = Number(options.changes);
let seen = 0;
let acknowledged = false;
let nextId = 1;
const pending = new Map();

const timer = setTimeout(() => {
  console.error('timed out after ' + options.timeout + ' ms (' + seen + ' of ' + wanted + ' changes seen)');
  process.exit(2);
}, Number(options.timeout));

function request(type, fields) {
  const id = nextId++;
  socket.send(JSON.stringify({ type, id, ...fields }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

function finish(code) {
  clearTimeout(timer);
  socket.close();
  process.exitCode = code;
}

socket.addEventListener('error', () => {
  console.error('cannot connect to ' + options.url + ' (is the container running? is a token needed?)');
  process.exit(1);
});

socket.addEventListener('message', async (event) => {
  const message = JSON.parse(event.data);
  if ((message.type === 'reply' || message.type === 'error') && pending.has(message.id)) {
    const { resolve, reject } = pending.get(message.id);
    pending.delete(message.id);
    (message.type === 'reply' ? resolve : reject)(message);
    return;
  }
  if (message.type === 'welcome') {
    console.log('connected: protocol ' + message.protocol + ', ' + message.role + ' access');
    try {
      const subscribed = await request('subscribe', { feature: options.feature });
      const now = subscribed.state[options.zone][options.property];
      console.log(options.property + '@' + options.zone + ' = ' + JSON.stringify(now.value) + ' (' + now.availability
        + (now.constraint ? ', constraint ' + now.constraint : '') + ')');
      const value = JSON.parse(options.value);
      await request('set', { feature: options.feature, zone: options.zone, property: options.property, value });
      console.log('set ' + options.property + '@' + options.zone + ' to ' + JSON.stringify(value) + ': acknowledged');
      acknowledged = true;
      if (seen >= wanted) {
        finish(0);
      }
    } catch (error) {
      console.log('error ' + error.code + ': ' + error.message + (error.constraint ? ' (constraint ' + error.constraint + ')' : ''));
      finish(1);
    }
  } else if (message.type === 'value' && message.feature === options.feature && message.zone === options.zone
      && message.property === options.property) {
    seen++;
    console.log('changed: ' + message.property + '@' + message.zone + ' = ' + JSON.stringify(message.value));
    if (seen >= wanted && acknowledged) {
      finish(0);
    }
  }
});
