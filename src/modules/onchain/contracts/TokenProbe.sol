// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IProbeToken {
    function balanceOf(address account) external view returns (uint256);
    function totalSupply() external view returns (uint256);
}

interface IProbePair {
    function getReserves() external view returns (uint112, uint112, uint32);
    function token0() external view returns (address);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

interface IProbeWrapped {
    function deposit() external payable;
}

/// Put by state override at addresses the simulation borrows (a fresh trader, a token's owner or creator) and
/// only ever run inside eth_call. It trades with a token's pool directly, as a router would, and runs an
/// owner's calls, then reports what happened. It keeps nothing in storage: the addresses are not its own.
contract TokenProbe {
    struct Market {
        address token;
        address pair;
        address wrapped;
    }

    /// One buy, transfer and sell by a fresh address, with what each should have given without any fee.
    struct Trade {
        bool bought;
        uint256 buyExpected;
        uint256 buyReceived;
        uint256 buyGas;
        bool transferred;
        uint256 transferSent;
        uint256 transferReceived;
        bool sold;
        uint256 sellSent;
        uint256 sellExpected;
        uint256 sellReceived;
        uint256 sellGas;
        bool secondBuy;
        bool bigBuy;
    }

    /// What an owner's calls changed: supply, a holder's balance, and trading for that holder and for a newcomer.
    struct Observation {
        bool[] callOk;
        bool holderBought;
        uint256 supplyBefore;
        uint256 supplyAfter;
        uint256 holderBefore;
        uint256 holderAfter;
        Trade holder;
        Trade newcomer;
    }

    /// Marks revert data that carries a finished frame's results (the frame reverts to undo its effects).
    bytes32 private constant FINISHED = keccak256("alphanest.probe.finished");
    /// Gas for one of an owner's calls: plenty for a setter, and a bound on what a call that burns all it
    /// gets (an INVALID opcode) costs, so a batch of them fits in one eth_call.
    uint256 private constant CALL_GAS = 400_000;

    receive() external payable {}

    // ---------------------------------------------------------------- trading

    function _amountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) private pure returns (uint256) {
        if (amountIn == 0 || reserveIn == 0 || reserveOut == 0) return 0;
        uint256 withFee = amountIn * 997;
        return (withFee * reserveOut) / (reserveIn * 1000 + withFee);
    }

    /// (token reserve, wrapped reserve, token is token0)
    function _reserves(Market calldata m) private view returns (uint256, uint256, bool) {
        (uint112 r0, uint112 r1, ) = IProbePair(m.pair).getReserves();
        bool tokenFirst = IProbePair(m.pair).token0() == m.token;
        return tokenFirst ? (uint256(r0), uint256(r1), true) : (uint256(r1), uint256(r0), false);
    }

    function _send(address token, address to, uint256 amount) private {
        (bool ok, bytes memory ret) = token.call(abi.encodeWithSelector(0xa9059cbb, to, amount));
        require(ok && (ret.length == 0 || abi.decode(ret, (bool))), "transfer refused");
    }

    /// Wraps `amountIn` of the native coin and swaps it for the token in the pool.
    function buy(Market calldata m, uint256 amountIn) public returns (uint256 expected, uint256 received, uint256 gasUsed) {
        IProbeWrapped(m.wrapped).deposit{value: amountIn}();
        (uint256 tokenReserve, uint256 wrappedReserve, bool tokenFirst) = _reserves(m);
        expected = _amountOut(amountIn, wrappedReserve, tokenReserve);
        uint256 before = IProbeToken(m.token).balanceOf(address(this));
        uint256 start = gasleft();
        _send(m.wrapped, m.pair, amountIn);
        IProbePair(m.pair).swap(tokenFirst ? expected : 0, tokenFirst ? 0 : expected, address(this), "");
        gasUsed = start - gasleft();
        received = IProbeToken(m.token).balanceOf(address(this)) - before;
    }

    /// Sells `amount` of the token into the pool, as a router's fee-on-transfer swap does: what reached the pool is what is swapped.
    function sell(Market calldata m, uint256 amount) public returns (uint256 expected, uint256 received, uint256 gasUsed) {
        (uint256 tokenReserve, uint256 wrappedReserve, ) = _reserves(m);
        expected = _amountOut(amount, tokenReserve, wrappedReserve);
        uint256 before = IProbeToken(m.wrapped).balanceOf(address(this));
        uint256 start = gasleft();
        _send(m.token, m.pair, amount);
        _swapWhatArrived(m);
        gasUsed = start - gasleft();
        received = IProbeToken(m.wrapped).balanceOf(address(this)) - before;
    }

    /// Swaps for the wrapped coin what reached the pool. The token may have traded in the pool during the
    /// transfer (a tax swapped for ETH), so the reserves are read again.
    function _swapWhatArrived(Market calldata m) private {
        (uint256 reserveIn, uint256 reserveOut, bool tokenFirst) = _reserves(m);
        uint256 out = _amountOut(IProbeToken(m.token).balanceOf(m.pair) - reserveIn, reserveIn, reserveOut);
        IProbePair(m.pair).swap(tokenFirst ? 0 : out, tokenFirst ? out : 0, address(this), "");
    }

    function transferTo(address token, address to, uint256 amount) public returns (uint256 received) {
        uint256 before = IProbeToken(token).balanceOf(to);
        _send(token, to, amount);
        received = IProbeToken(token).balanceOf(to) - before;
    }

    /// Buys and undoes it: whether such a buy would go through now.
    function buyAndUndo(Market calldata m, uint256 amountIn) external {
        buy(m, amountIn);
        _finish("");
    }

    function _wouldBuy(Market calldata m, uint256 amountIn) private returns (bool) {
        (, bytes memory data) = address(this).call(abi.encodeCall(this.buyAndUndo, (m, amountIn)));
        return _isFinished(data);
    }

    /// Sends a tenth of what it holds to `recipient` and sells the rest.
    function exit(Market calldata m, address recipient, Trade memory t) public returns (Trade memory) {
        uint256 held = IProbeToken(m.token).balanceOf(address(this));
        t.transferSent = held / 10;
        try this.transferTo(m.token, recipient, t.transferSent) returns (uint256 received) {
            t.transferred = true;
            t.transferReceived = received;
        } catch {}
        t.sellSent = IProbeToken(m.token).balanceOf(address(this));
        try this.sell(m, t.sellSent) returns (uint256 expected, uint256 received, uint256 gasUsed) {
            t.sold = true;
            t.sellExpected = expected;
            t.sellReceived = received;
            t.sellGas = gasUsed;
        } catch {}
        return t;
    }

    /// The whole round trip of a fresh address: buy, a second and a larger buy (undone), transfer, sell.
    function trade(Market calldata m, uint256 amountIn, address recipient) public returns (Trade memory t) {
        try this.buy(m, amountIn) returns (uint256 expected, uint256 received, uint256 gasUsed) {
            t.bought = true;
            t.buyExpected = expected;
            t.buyReceived = received;
            t.buyGas = gasUsed;
        } catch {
            return t;
        }
        t.secondBuy = _wouldBuy(m, amountIn);
        t.bigBuy = _wouldBuy(m, amountIn * 20);
        return exit(m, recipient, t);
    }

    // ---------------------------------------------------------------- an owner's calls

    /// For each call: 0 it reverts, 1 it succeeds without changing state (a view), 2 it succeeds and writes.
    function probeCalls(address token, bytes[] calldata calls) external returns (uint8[] memory outcomes) {
        outcomes = new uint8[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool viewOk, ) = token.staticcall{gas: CALL_GAS}(calls[i]);
            if (viewOk) {
                outcomes[i] = 1;
                continue;
            }
            (, bytes memory data) = address(this).call(abi.encodeCall(this.callAndUndo, (token, calls[i])));
            outcomes[i] = _isFinished(data) ? 2 : 0;
        }
    }

    function callAndUndo(address token, bytes calldata data) external {
        (bool ok, ) = token.call{gas: CALL_GAS}(data);
        require(ok);
        _finish("");
    }

    /// Each list of calls in its own undone frame: see `scenario`. An entry is empty when the frame failed.
    function scenarios(
        Market calldata m,
        address holder,
        address newcomer,
        address recipient,
        uint256 amountIn,
        bytes[][] calldata callLists
    ) external returns (bytes[] memory results) {
        results = new bytes[](callLists.length);
        for (uint256 i = 0; i < callLists.length; i++) {
            (, bytes memory data) = address(this).call(
                abi.encodeCall(this.scenario, (m, holder, newcomer, recipient, amountIn, callLists[i]))
            );
            results[i] = _finished(data);
        }
    }

    /// `holder` buys; this address (an owner) makes its calls; then `holder` transfers and sells what it has, and
    /// `newcomer` makes a whole round trip. Reverts with the Observation, undoing everything.
    function scenario(
        Market calldata m,
        address holder,
        address newcomer,
        address recipient,
        uint256 amountIn,
        bytes[] calldata calls
    ) external {
        Observation memory o;
        o.callOk = new bool[](calls.length);
        try TokenProbe(payable(holder)).buy(m, amountIn) returns (uint256, uint256, uint256) {
            o.holderBought = true;
        } catch {}
        o.supplyBefore = IProbeToken(m.token).totalSupply();
        o.holderBefore = IProbeToken(m.token).balanceOf(holder);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, ) = m.token.call{gas: CALL_GAS}(calls[i]);
            o.callOk[i] = ok;
        }
        o.supplyAfter = IProbeToken(m.token).totalSupply();
        o.holderAfter = IProbeToken(m.token).balanceOf(holder);
        Trade memory empty;
        if (o.holderAfter > 0) {
            try TokenProbe(payable(holder)).exit(m, recipient, empty) returns (Trade memory t) {
                o.holder = t;
            } catch {}
        }
        try TokenProbe(payable(newcomer)).trade(m, amountIn, recipient) returns (Trade memory t) {
            o.newcomer = t;
        } catch {}
        _finish(abi.encode(o));
    }

    // ---------------------------------------------------------------- undone frames

    function _finish(bytes memory payload) private pure {
        bytes memory data = abi.encode(FINISHED, payload);
        assembly {
            revert(add(data, 32), mload(data))
        }
    }

    function _isFinished(bytes memory data) private pure returns (bool) {
        if (data.length < 64) return false;
        bytes32 mark;
        assembly {
            mark := mload(add(data, 32))
        }
        return mark == FINISHED;
    }

    function _finished(bytes memory data) private pure returns (bytes memory) {
        if (!_isFinished(data)) return "";
        (, bytes memory payload) = abi.decode(data, (bytes32, bytes));
        return payload;
    }
}
