import { makeMemoryPlacementStore } from '../../../src/shard-router/memory-placement.store';
import { placementStoreContract } from './placement-store.contract';

placementStoreContract('memory', async () => makeMemoryPlacementStore());
