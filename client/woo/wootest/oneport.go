package wootest

import (
	"bufio"
	"net"
	"sync"
	"time"
)

// oneport lets an HTTPS store also take plain-HTTP connections on its own port, as a host answering on
// 80 and 443 does: each connection is routed by its first byte (a TLS handshake starts with 0x16) to the
// TLS listener (Accept) or to the plain one (Plain). Tests need the same host:port for both, because
// that is what makes a store's http:// links point back at itself.
type oneport struct {
	net.Listener
	tls, plain chan net.Conn
	done       chan struct{}
	once       sync.Once
}

func newOneport(l net.Listener) *oneport {
	o := &oneport{Listener: l, tls: make(chan net.Conn), plain: make(chan net.Conn), done: make(chan struct{})}
	go o.route()
	return o
}

func (o *oneport) route() {
	for {
		c, err := o.Listener.Accept()
		if err != nil {
			o.Close()
			return
		}
		go func() {
			br := bufio.NewReader(c)
			c.SetReadDeadline(time.Now().Add(10 * time.Second)) // a connection that never speaks is dropped
			first, err := br.Peek(1)
			if err != nil {
				c.Close()
				return
			}
			c.SetReadDeadline(time.Time{})
			to := o.plain
			if first[0] == 0x16 {
				to = o.tls
			}
			select {
			case to <- &peeked{Conn: c, r: br}:
			case <-o.done:
				c.Close()
			}
		}()
	}
}

// Accept returns the next TLS connection.
func (o *oneport) Accept() (net.Conn, error) { return o.accept(o.tls) }

func (o *oneport) accept(from chan net.Conn) (net.Conn, error) {
	select {
	case c := <-from:
		return c, nil
	case <-o.done:
		return nil, net.ErrClosed
	}
}

func (o *oneport) Close() error {
	o.once.Do(func() { close(o.done) })
	return o.Listener.Close()
}

// Plain is the listener for the plain-HTTP connections.
func (o *oneport) Plain() net.Listener { return plainSide{o} }

type plainSide struct{ o *oneport }

func (p plainSide) Accept() (net.Conn, error) { return p.o.accept(p.o.plain) }
func (p plainSide) Close() error              { return p.o.Close() }
func (p plainSide) Addr() net.Addr            { return p.o.Addr() }

// peeked is a connection whose first byte was read to route it, and is read again from r.
type peeked struct {
	net.Conn
	r *bufio.Reader
}

func (p *peeked) Read(b []byte) (int, error) { return p.r.Read(b) }
