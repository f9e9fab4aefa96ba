// Who signs: the creator's own wallet (an injected EIP-1193 provider, window.ethereum), or, on a
// local development chain only (chain id 31337), one of anvil's ten PUBLIC test keys, derived
// from the well-known mnemonic. Those keys are published with every Foundry install: anyone can
// spend from them, so they are never offered on any other chain.

import { createPublicClient, createWalletClient, custom, defineChain, getAddress, http } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

export const DEV_CHAIN_ID = 31337;
/** Foundry's and Hardhat's public test mnemonic (anvil's default accounts 0 to 9). */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
export const DEV_ACCOUNTS = 10;

/** The signer of the page: one per page, shared by every view. */
export class Signer {
  constructor(registry) {
    this.registry = registry;
    this.chain = defineChain({
      id: Number(registry.chainId),
      name: Number(registry.chainId) === DEV_CHAIN_ID ? 'Local anvil' : `Chain ${registry.chainId}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [registry.rpcUrl] } },
    });
    this.publicClient = createPublicClient({ chain: this.chain, transport: http(registry.rpcUrl) });
    this.devAllowed = Number(registry.chainId) === DEV_CHAIN_ID;
    this.listeners = new Set();
    this.mode = globalThis.ethereum || !this.devAllowed ? 'wallet' : 'dev';
    this.devIndex = 0;
    this.account = undefined; // a viem account (dev) or a checksummed address (wallet)
    this.client = undefined;
    this.error = undefined;
    if (globalThis.ethereum && typeof globalThis.ethereum.on === 'function') {
      globalThis.ethereum.on('accountsChanged', (accounts) => {
        if (this.mode !== 'wallet') return;
        this.setWalletAccount(accounts && accounts[0]);
      });
    }
  }

  /** Calls `listener` with the signer after every change of mode or account; returns its removal. */
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed() {
    for (const listener of this.listeners) listener(this);
  }

  /** The active address, checksummed, or undefined before a wallet is connected. */
  address() {
    if (!this.account) return undefined;
    return typeof this.account === 'string' ? this.account : this.account.address;
  }

  async use(mode, devIndex = this.devIndex) {
    this.error = undefined;
    if (mode === 'dev') {
      if (!this.devAllowed) throw new Error('Test keys are offered only on a local chain (chain id 31337)');
      this.mode = 'dev';
      this.devIndex = Number(devIndex);
      const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: this.devIndex });
      this.account = account;
      this.client = createWalletClient({ account, chain: this.chain, transport: http(this.registry.rpcUrl) });
    } else {
      this.mode = 'wallet';
      this.account = undefined;
      this.client = undefined;
      if (globalThis.ethereum) {
        // without a prompt: the accounts this site is already allowed to see
        try {
          const accounts = await globalThis.ethereum.request({ method: 'eth_accounts' });
          this.setWalletAccount(accounts && accounts[0], false);
        } catch {
          // not connected yet
        }
      }
    }
    this.changed();
  }

  setWalletAccount(address, notify = true) {
    if (address) {
      this.account = getAddress(address);
      this.client = createWalletClient({ account: this.account, chain: this.chain, transport: custom(globalThis.ethereum) });
    } else {
      this.account = undefined;
      this.client = undefined;
    }
    if (notify) this.changed();
  }

  /** Asks the wallet for an account (eth_requestAccounts). */
  async connect() {
    if (this.mode === 'dev') return this.address();
    if (!globalThis.ethereum) {
      throw new Error('No browser wallet found (window.ethereum). Install one, or on a local chain choose a test key.');
    }
    const client = createWalletClient({ chain: this.chain, transport: custom(globalThis.ethereum) });
    const [address] = await client.requestAddresses();
    this.setWalletAccount(address);
    return this.address();
  }

  async ready() {
    if (!this.client) await this.connect();
    if (!this.client) throw new Error('No account to sign with');
    if (this.mode === 'wallet') {
      const chainId = await this.client.getChainId();
      if (chainId !== this.chain.id) {
        throw new Error(`The wallet is on chain ${chainId}, but this registry is on chain ${this.chain.id}; switch the wallet's network.`);
      }
    }
    return this.client;
  }

  /** eth_signTypedData_v4 (wallet) or a local signature (test key) of EIP-712 typed data. */
  async signTypedData(typed) {
    const client = await this.ready();
    return client.signTypedData({ account: this.account, ...typed });
  }

  /** Sends a contract call and waits until it is mined; throws if it reverted. */
  async write(call) {
    const client = await this.ready();
    const hash = await client.writeContract({ account: this.account, chain: this.chain, ...call });
    const receipt = await this.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 500 });
    if (receipt.status !== 'success') throw new Error(`Transaction ${hash} reverted`);
    return receipt;
  }
}
