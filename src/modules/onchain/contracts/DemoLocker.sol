// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface ILockedToken {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// The embedded chain's liquidity locker, as Unicrypt's, Team Finance's or PinkLock's are on public chains: LP
/// tokens deposited here stay until their unlock time, and only their owner can take them back then.
contract DemoLocker {
    struct Lock {
        address token;
        address owner;
        uint256 amount;
        uint256 unlockTime;
    }

    Lock[] public locks;

    event Locked(uint256 indexed id, address indexed token, address indexed owner, uint256 amount, uint256 unlockTime);
    event Withdrawn(uint256 indexed id);

    function lock(address token, uint256 amount, uint256 unlockTime) external returns (uint256 id) {
        require(unlockTime > block.timestamp, "unlock time in the past");
        require(ILockedToken(token).transferFrom(msg.sender, address(this), amount), "transfer failed");
        locks.push(Lock(token, msg.sender, amount, unlockTime));
        id = locks.length - 1;
        emit Locked(id, token, msg.sender, amount, unlockTime);
    }

    function withdraw(uint256 id) external {
        Lock storage held = locks[id];
        require(msg.sender == held.owner, "not the owner");
        require(block.timestamp >= held.unlockTime, "still locked");
        uint256 amount = held.amount;
        held.amount = 0;
        require(ILockedToken(held.token).transfer(msg.sender, amount), "transfer failed");
        emit Withdrawn(id);
    }
}
