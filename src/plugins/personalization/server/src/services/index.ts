import health from './health';
import optIns from './opt-ins';

const services = {
  health,
  optIns,
};

export type Services = typeof services;
export default services;
