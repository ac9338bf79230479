console.log('prepare');
