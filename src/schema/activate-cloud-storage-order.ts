import { activateCloudStorageOrder } from '../mutations/activate-cloud-storage-order.js';
import { activateMutation } from './activate-order.js';
import { CloudStorageOrder } from './cloud-storage-order.js';

activateMutation(
  'activateCloudStorageOrder',
  CloudStorageOrder,
  {
    kind: 'cloud-storage',
    description:
      'Starts a paid cloud-storage order queued after the current plan now (Living IoT commodity/enable); the queue after it moves up. A user must be the device admin. Never retried blindly.',
  },
  activateCloudStorageOrder,
);
