import { activateStreamingOrder } from '../mutations/activate-streaming-order.js';
import { activateMutation } from './activate-order.js';
import { StreamingOrder } from './streaming-order.js';

activateMutation(
  'activateStreamingOrder',
  StreamingOrder,
  {
    kind: 'streaming',
    description:
      'Starts a paid streaming order queued after the current plan now (Living IoT streaming order enable); the queue after it moves up. A user must be the device admin. Never retried blindly.',
  },
  activateStreamingOrder,
);
